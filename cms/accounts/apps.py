from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import login_throttle  # noqa: F401  (connects its signal receivers)
