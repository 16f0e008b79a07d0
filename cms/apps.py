from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site pages")

    def ready(self):
        from . import audit, cache_versions, database_cache, ids

        ids.register()  # before the root URLconf loads the apps' patterns, which use `<id:…>`
        cache_versions.connect_signals()
        audit.connect_signals()
        post_migrate.connect(database_cache.create_cache_tables, sender=self)
