"""Files in storage that live as long as the rows naming them, and never shorter: a file leaves storage only after
the change that lets go of it commits, so a change rolled back still finds its file.

Uploaded images (a profile's photo, a project's pictures) belong to one row each; django-cleanup deletes them with
it, or when replaced or cleared (models marked `@cleanup.select`). A résumé PDF may be shared by several exports of
the same résumé (resume.request_export), so it goes only with the last export naming it: whichever way exports are
deleted (the retention cleanup, or with their account), `release_resume_pdf` sees each one.
"""

from functools import partial

from django.db import transaction

from .models import ResumeExport


def release_resume_pdf(sender, instance: ResumeExport, using: str, **kwargs) -> None:
    """post_delete: once the deletion commits, delete the export's PDF unless another export still names it."""
    if instance.pdf:
        # Robust: a file that cannot be deleted now is logged, and the deletion that committed stands.
        transaction.on_commit(
            partial(_delete_unless_named, instance.pdf.storage, instance.pdf.name), using, robust=True
        )


def _delete_unless_named(storage, name: str) -> None:
    # After the commit: an export that took the file meanwhile did so while holding its source row (a lock the
    # deletion waited for), so it is committed, and seen here.
    if not ResumeExport.objects.filter(pdf=name).exists():
        storage.delete(name)
