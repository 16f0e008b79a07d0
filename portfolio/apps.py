from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from .extensions import connect
        from .files import release_resume_pdf

        connect()
        # Every deletion, the cascade from an account included: see portfolio.files.
        post_delete.connect(release_resume_pdf, sender=self.get_model("ResumeExport"))
