from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site pages")

    def ready(self):
        from . import ids
        from .cache_versions import connect_signals

        connect_signals()
        ids.register()  # before the root URLconf loads the apps' patterns, which use `<id:…>`
