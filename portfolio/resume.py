"""The résumé: a learner's portfolio typeset in one of two designs, as an HTML page (the preview) and as a PDF made
from that same HTML, stored once per person for each résumé, known by a hash of everything that goes into it, and
kept for RESUME_EXPORT_RETENTION_DAYS."""

import base64
import hashlib
import secrets
from dataclasses import asdict, dataclass
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist
from PIL import Image, ImageOps

from cms.fonts import PRINT_STYLESHEET, SCREEN_STYLESHEET, font_files
from learning.charts import RadarAxis, radar_chart
from learning.progress import completed_modules, skills_by_key
from learning.skill_evidence import assess_skills
from learning.skill_levels import SkillAssessment

from .models import EXPORT_TRANSITIONS, ExportStatus, Profile, ResumeExport
from .pdf import RENDER_TIMEOUT, FileRoots, PdfError, render_pdf

STYLESHEET = "css/resume.css"
# What the résumé links, each for its media: the layout for both, and the fonts for each output (cms.fonts), the
# TTF and OTF files the PDF embeds or the WOFF2 files the preview fetches for the characters on the page. WeasyPrint
# reads only the print and "all" ones; a browser applies only the screen and "all" ones.
STYLESHEETS = ((PRINT_STYLESHEET, "print"), (SCREEN_STYLESHEET, "screen"), (STYLESHEET, "all"))
PDF_STYLESHEETS = (PRINT_STYLESHEET, STYLESHEET)


class Design(models.TextChoices):
    MODERN = "modern", _("Modern: two columns")
    CLASSIC = "classic", _("Classic: one column")


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("US Letter")


@dataclass(frozen=True)
class ResumeOptions:
    design: str = Design.MODERN
    paper: str = Paper.A4
    language: str = settings.LANGUAGE_CODE
    photo: bool = True


def resume_html(profile: Profile, options: ResumeOptions) -> str:
    """The résumé as a standalone HTML document, labels and dates in the chosen language."""
    with override(options.language):
        return render_to_string("portfolio/resume/resume.html", _context(profile, options))


def resume_pdf(html: str) -> bytes:
    """The PDF of a résumé's HTML. Raises pdf.PdfError."""
    return render_pdf(html, roots=file_roots())


def request_export(profile: Profile, options: ResumeOptions) -> ResumeExport:
    """Ask for the résumé as a PDF, as it is now: ready at once, sharing the file, when the learner already has this
    very PDF, otherwise made by a background task (which runs at once in development)."""
    html = resume_html(profile, options)
    export = ResumeExport(
        user=profile.user,
        options=asdict(options),
        filename=resume_filename(profile, options),
        digest=resume_digest(html),
    )
    with transaction.atomic():
        if (same := _same_ready_pdf(export)) is not None:
            export.pdf, export.status, export.finished_at = same.pdf.name, ExportStatus.READY, timezone.now()
            export.save()
            return export
    export.html = html
    _queue(export)
    return export


def _same_ready_pdf(export: ResumeExport) -> ResumeExport | None:
    """A ready export of the same résumé by the same learner: never another's, whose file goes with their account.
    Locked until the transaction ends, so that the cleanup cannot delete the file before the new export naming it
    commits (portfolio.files)."""
    return (
        ResumeExport.objects.select_for_update()
        .filter(user_id=export.user_id, digest=export.digest, status=ExportStatus.READY)
        .only("pdf")
        .first()
    )


def retry_export(export: ResumeExport) -> None:
    """Queue a failed export again, from the HTML it was asked with."""
    retry = EXPORT_TRANSITIONS["retry"]
    if not retry.allows(export.status):
        return
    export.status, export.attempts, export.error = retry.target, 0, ""
    _queue(export, update_fields=["status", "attempts", "error"])


RENDER_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=20)


@task()
def render_export(export_id: int) -> None:
    """The background task's work: render, store the finished PDF, or count a failed attempt and try again later;
    after the last attempt the export is marked failed, with the reason, and holds no PDF."""
    export = ResumeExport.objects.filter(
        pk=export_id, status__in=EXPORT_TRANSITIONS["finish"].sources
    ).first()
    if export is None:  # finished meanwhile, or deleted
        return
    try:
        pdf = resume_pdf(export.html)
    except PdfError as error:
        export.attempts += 1
        if export.attempts < RENDER_ATTEMPTS:
            _queue(export, update_fields=["attempts"], delay=RETRY_AFTER * export.attempts)
        else:
            export.status, export.error = EXPORT_TRANSITIONS["fail"].target, str(error)
            export.finished_at = timezone.now()
            export.save(update_fields=["attempts", "status", "error", "finished_at"])
        return
    _finish(export, pdf)


def _queue(export: ResumeExport, *, update_fields=None, delay: timedelta | None = None) -> None:
    """Save the export and queue a task to render it, noting which, in one transaction: never an export that no
    task will render."""
    job = render_export
    if delay and job.get_backend().supports_defer:
        job = job.using(run_after=timezone.now() + delay)
    with transaction.atomic():
        export.save(update_fields=update_fields)
        export.task_id = job.enqueue(export.pk).id
        export.save(update_fields=["task_id"])


# A render is stopped after RENDER_TIMEOUT: a task still running long after that has lost its worker.
ABANDONED_AFTER = timedelta(seconds=2 * RENDER_TIMEOUT)


def fail_if_abandoned(export: ResumeExport) -> bool:
    """Mark a queued export failed, so that it can be tried again, if its task ended without finishing it or its
    worker died mid-render (the database restarting under it, a crash): nothing else would ever finish it. Its page
    asks when opened, and the cleanup for every queued export. True if it marked it."""
    fail = EXPORT_TRANSITIONS["fail"]
    if not fail.allows(export.status) or not export.task_id:
        return False
    if not render_export.get_backend().supports_get_result:  # tasks run at once, in the request
        return False
    if not _render_lost(export.task_id):
        return False
    # Only if nothing moved on meanwhile: the task may have just finished it, or a retry queued another.
    return bool(
        ResumeExport.objects.filter(pk=export.pk, status__in=fail.sources, task_id=export.task_id).update(
            status=fail.target,
            error=_("something went wrong on our side; try again in a moment."),
            finished_at=timezone.now(),
        )
    )


# A render is picked up within seconds by a running worker: one not started this long after it was due has none.
WORKER_SILENT_AFTER = timedelta(seconds=60)


def waits_for_a_worker(export: ResumeExport) -> bool:
    """True if the export's render has waited over WORKER_SILENT_AFTER since it was due and no worker has started
    it: the background worker is not running (`manage.py db_worker`), and its page says so. The task stays queued,
    so the PDF is made as soon as a worker runs."""
    if export.status != ExportStatus.QUEUED or not export.task_id:
        return False
    if not render_export.get_backend().supports_get_result:  # tasks run at once, in the request
        return False
    try:
        job = render_export.get_result(export.task_id)
    except TaskResultDoesNotExist:
        return False
    due = max(job.enqueued_at, job.task.run_after or job.enqueued_at)  # a retry waits RETRY_AFTER on purpose
    return job.status == TaskResultStatus.READY and due < timezone.now() - WORKER_SILENT_AFTER


def _render_lost(task_id: str) -> bool:
    try:
        job = render_export.get_result(task_id)
    except TaskResultDoesNotExist:
        return True
    if job.status == TaskResultStatus.RUNNING:
        return job.started_at < timezone.now() - ABANDONED_AFTER
    return job.is_finished


def _finish(export: ResumeExport, pdf: bytes) -> None:
    """Store the whole PDF, under a random name as uploads have, then name it on the export; an export deleted
    meanwhile leaves no file behind."""
    export.pdf.save(f"{secrets.token_urlsafe(16)}.pdf", ContentFile(pdf), save=False)
    finished = ResumeExport.objects.filter(pk=export.pk).update(
        pdf=export.pdf.name, status=EXPORT_TRANSITIONS["finish"].target, finished_at=timezone.now()
    )
    if not finished:
        export.pdf.delete(save=False)


@task()
def clean_up_exports() -> dict[str, int]:
    """The daily upkeep (`manage.py cleanup_exports`): exports older than RESUME_EXPORT_RETENTION_DAYS go, with their
    files (portfolio.files); a queued export whose render was lost is failed, by the rule its page applies; a ready
    export's HTML, needed no more, is cleared. How many of each, for the log."""
    expired = timezone.now() - timedelta(days=settings.RESUME_EXPORT_RETENTION_DAYS)
    deleted, _by_model = ResumeExport.objects.filter(created_at__lt=expired).only("pdf").delete()
    queued = ResumeExport.objects.filter(status=ExportStatus.QUEUED).only("status", "task_id")
    failed = sum(fail_if_abandoned(export) for export in queued)
    cleared = ResumeExport.objects.filter(status=ExportStatus.READY).exclude(html="").update(html="")
    return {"deleted": deleted, "failed": failed, "cleared": cleared}


def resume_filename(profile: Profile, options: ResumeOptions) -> str:
    with override(options.language):
        return f"{_('Résumé')} \N{EN DASH} {profile.name}.pdf"


def resume_digest(html: str) -> str:
    """The HTML holds every input (the text, the photo, the options); the stylesheets the PDF reads are hashed too,
    so a new design or font is not served from an old PDF."""
    digest = hashlib.sha256(html.encode())
    for path in PDF_STYLESHEETS:
        digest.update(stylesheet_path(path).read_bytes())
    return digest.hexdigest()


def stylesheet_path(path: str = STYLESHEET) -> Path:
    """A résumé stylesheet as the finders see it: the one file both hashed into the digest and served to the
    renderer, so a stale collected copy in STATIC_ROOT can never be rendered under a fresh key."""
    return Path(finders.find(path))


def file_roots() -> FileRoots:
    """Our static files (collected ones first, then where the finders look): all a résumé may fetch (the photo is in
    the HTML itself). STATIC_URL is a path on this site, so the HTML's URLs resolve under pdf.BASE_URL."""
    prefixed: list[tuple[str, tuple[str, ...]]] = []
    plain: list[str] = [str(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if prefix := getattr(storage, "prefix", None):
                prefixed.append((f"{settings.STATIC_URL}{prefix}/", (storage.location,)))
            else:
                plain.append(storage.location)
    return FileRoots(
        routes=(
            *prefixed,
            (settings.STATIC_URL, tuple(plain)),
        ),
        files=(
            *((f"{settings.STATIC_URL}{path}", str(stylesheet_path(path))) for path in PDF_STYLESHEETS),
            # The fonts when not collected (cms.fonts.FontFinder serves them by name).
            *((f"{settings.STATIC_URL}{path}", str(source)) for path, source in font_files().items()),
        ),
    )


PHOTO_PIXELS = 480  # 30 mm at 400 dpi: sharp in print, small in the file
PHOTO_CACHE_SECONDS = 60 * 60 * 24 * 30


def resume_photo(profile: Profile) -> str | None:
    """The learner's photo as a small JPEG in a data: URL: the PDF carries a print-sized copy, not a 5 MB upload,
    and rendering reads it from the HTML wherever the uploads are stored (local disk or S3). Cached by the file's
    name, which is random and never reused."""
    if not profile.photo:
        return None
    key = _photo_key(profile)
    if (photo := cache.get(key)) is None:
        with profile.photo.open("rb") as upload, Image.open(upload) as image:
            small = ImageOps.exif_transpose(image).convert("RGB")
            small.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
            buffer = BytesIO()
            small.save(buffer, "JPEG", quality=85)
        photo = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
        cache.set(key, photo, PHOTO_CACHE_SECONDS)
    return photo


def forget_resume_photo(profile: Profile) -> None:
    """Drop the cached copy of the photo (its account is deleted): nothing of the person stays behind."""
    if profile.photo:
        cache.delete(_photo_key(profile))


def _photo_key(profile: Profile) -> str:
    return f"resume-photo:{profile.photo.name}"


@dataclass(frozen=True)
class SkillLine:
    name: str  # in the résumé's language
    assessment: SkillAssessment


@dataclass(frozen=True)
class Contact:
    text: str
    href: str = ""
    label: str = ""


WORD_JOINER = "\N{WORD JOINER}"


def address_text(address: str) -> str:
    """An address as printed, with no line break allowed after a hyphen (a word joiner, which text extraction leaves
    out): extraction drops a hyphen that ends a line, which would change the address."""
    return address.replace("-", f"-{WORD_JOINER}")


def _contact(profile: Profile) -> list[Contact]:
    """Location, email, phone and links, each shown as typed; links with their address, which ATS and print need."""
    items = [
        Contact(profile.location),
        Contact(profile.email, href=f"mailto:{profile.email}"),
        Contact(profile.phone),
    ]
    items += [
        Contact(
            address_text(link.url.removeprefix("https://").removeprefix("http://")),
            href=link.url,
            label=link.label,
        )
        for link in profile.links.all()
    ]
    return [item for item in items if item.text]


def _context(profile: Profile, options: ResumeOptions) -> dict:
    projects = list(
        profile.projects.filter(in_resume=True)
        .prefetch_related("results", "links", "skills")
        .order_by("sort_order", "pk")
    )
    names = skills_by_key({skill for project in projects for skill in project.skills.all()})
    for project in projects:
        project.skill_names = [names[skill.translation_key].name for skill in project.skills.all()]
        for link in project.links.all():
            link.text = address_text(link.url)
    return {
        "profile": profile,
        "options": options,
        "projects": projects,
        "contact": _contact(profile),
        "photo": resume_photo(profile) if options.photo else None,
        "experience": list(profile.experience.all()),
        "education": list(profile.education.all()),
        "certifications": list(profile.certifications.all()),
        "languages": list(profile.languages.all()),
        "achievements": _achievements(profile) if profile.include_course_achievements else None,
        "today": timezone.localdate(),
        "stylesheets": STYLESHEETS,
    }


def _achievements(profile: Profile) -> dict:
    """What Kelola can vouch for: modules completed and skill levels, verified ones marked, with the skills chart."""
    assessed = assess_skills(profile.user)
    names = skills_by_key(item.skill for item in assessed)
    skills = [SkillLine(names[item.skill.translation_key].name, item.assessment) for item in assessed]
    shown = [line for line in skills if line.assessment.level]
    return {
        "modules": completed_modules(profile.user),
        "skills": shown,
        # Room for the skill names at a size that stays legible in print.
        "chart": radar_chart(
            [RadarAxis(label=line.name, level=line.assessment.level) for line in skills],
            radius=90,
            label_room=150,
            font_size=16,
        )
        if shown
        else None,
    }
