"""Résumé PDFs move from a binary column into file storage (MEDIA_ROOT or the S3 bucket), under random names as new
ones get. Their digest stays empty: made with stylesheets that may have changed since, they are never shared."""

import secrets

from django.core.files.base import ContentFile
from django.db import migrations, models


def pdfs_to_storage(apps, schema_editor):
    ResumeExport = apps.get_model("portfolio", "ResumeExport")
    for export in ResumeExport.objects.exclude(pdf_bytes=None).only("pdf_bytes", "pdf").iterator(chunk_size=20):
        export.pdf.save(f"{secrets.token_urlsafe(16)}.pdf", ContentFile(bytes(export.pdf_bytes)), save=False)
        export.save(update_fields=["pdf"])


def pdfs_to_database(apps, schema_editor):
    """Back into the column; the stored files are left in place."""
    ResumeExport = apps.get_model("portfolio", "ResumeExport")
    for export in ResumeExport.objects.exclude(pdf="").only("pdf").iterator(chunk_size=20):
        with export.pdf.open("rb") as stored:
            export.pdf_bytes = stored.read()
        export.save(update_fields=["pdf_bytes"])


class Migration(migrations.Migration):

    dependencies = [
        ("portfolio", "0010_mentoring_and_notifications_move_out"),
    ]

    operations = [
        migrations.RenameField(model_name="resumeexport", old_name="pdf", new_name="pdf_bytes"),
        migrations.AddField(
            model_name="resumeexport",
            name="pdf",
            field=models.FileField(blank=True, default="", editable=False, upload_to="resumes/"),
            preserve_default=False,
        ),
        migrations.RunPython(pdfs_to_storage, pdfs_to_database),
        migrations.RemoveField(model_name="resumeexport", name="pdf_bytes"),
    ]
