"""Delete résumé exports older than RESUME_EXPORT_RETENTION_DAYS with their PDFs, fail those whose render was lost,
and clear the HTML of ready ones: daily, from a timer or cron (docs/deployment.md)."""

from django.core.management.base import BaseCommand

from portfolio.resume import clean_up_exports


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        done = clean_up_exports.call()
        self.stdout.write(
            f"Résumé exports: {done['deleted']} expired and deleted, {done['failed']} failed (render lost), "
            f"{done['cleared']} HTML snapshots cleared."
        )
