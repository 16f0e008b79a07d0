"""Write the résumé's two font stylesheets (static/css/resume-fonts-*.css) from cms.fonts.FACES and the installed
Fontsource packages: after changing a face or upgrading a font package."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.fonts import stylesheets


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        for path, text in stylesheets().items():
            (settings.BASE_DIR / "static" / path).write_text(text)
            self.stdout.write(f"Wrote static/{path}")
