from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup

from cms.transitions import Transition
from learning.models import Skill, in_default_language

from .images import photo_path, project_image_path, validate_image


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    MENTORS = "mentors", _("Me and my mentors")
    PUBLIC = "public", _("Anyone with the link")


class CommunityType(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Social media community")
    FORUM = "forum", _("Online forum")
    CUSTOMER = "customer", _("Customer community")
    INTERNAL = "internal", _("Internal (employee) community")
    OTHER = "other", _("Other community")


# Uploads leave storage with their row, or when replaced or cleared, once the change commits (django-cleanup).
@cleanup.select
class Profile(models.Model):
    """A learner's portfolio: who they are, and the community projects that prove their skills."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_profile"
    )
    name = models.CharField(_("name"), max_length=150)
    headline = models.CharField(
        _("headline"),
        max_length=150,
        blank=True,
        help_text=_("For example: Community manager for gaming brands."),
    )
    location = models.CharField(_("location"), max_length=150, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        validators=[validate_image],
        help_text=_("Optional. JPEG, PNG or WebP, at most 5 MB."),
    )
    include_course_achievements = models.BooleanField(
        _("show my Kelola achievements"),
        default=True,
        help_text=_("Modules completed and skill levels, with those verified by a mentor marked."),
    )
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility, default=Visibility.PRIVATE
    )
    public_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("portfolio profile")

    def __str__(self) -> str:
        return self.name

    def get_upload_url(self) -> str:
        """The photo's address for signed-in readers: a view that checks who asks (portfolio/upload_views.py)."""
        return reverse("portfolio:photo", args=[self.pk])


class ProfileLink(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=60, help_text=_("For example: LinkedIn, website."))
    url = models.URLField(_("address"), max_length=500)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class Project(models.Model):
    """A community the learner built or ran, and what changed because of them."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=150)
    community_type = models.CharField(_("community type"), max_length=20, choices=CommunityType)
    platforms = models.CharField(
        _("platforms"), max_length=200, blank=True, help_text=_("For example: Discord, Instagram, Discourse.")
    )
    role = models.CharField(_("your role"), max_length=150)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Leave empty if it is ongoing."))
    situation = models.TextField(
        _("the situation"), max_length=2000, help_text=_("What was there when you started?")
    )
    actions = models.TextField(_("what you did"), max_length=3000)
    outcome = models.TextField(_("the outcome"), max_length=2000)
    skills = models.ManyToManyField(
        Skill,
        verbose_name=_("skills it demonstrates"),
        related_name="+",
        blank=True,
        limit_choices_to=in_default_language,
    )
    in_resume = models.BooleanField(_("include in my résumé"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="portfolio_project_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            )
        ]
        verbose_name = _("community project")

    def __str__(self) -> str:
        return self.title


class ProjectResult(models.Model):
    """A measurable result: "active members 1,200 → 4,800 in 6 months"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    label = models.CharField(_("what was measured"), max_length=100)
    before = models.DecimalField(_("before"), max_digits=14, decimal_places=2)
    after = models.DecimalField(_("after"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("For example: members, h, %."))
    period = models.CharField(_("over"), max_length=60, blank=True, help_text=_("For example: 6 months."))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


@cleanup.select
class ProjectImage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"),
        upload_to=project_image_path,
        validators=[validate_image],
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
    )
    description = models.CharField(
        _("description"), max_length=200, help_text=_("What it shows, for people who cannot see it.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_upload_url(self) -> str:
        """The picture's address for signed-in readers: a view that checks who asks (portfolio/upload_views.py)."""
        return reverse("portfolio:project_image", args=[self.pk])


class ProjectLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=60)
    url = models.URLField(_("address"), max_length=500)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class ProfileEntry(models.Model):
    """What every background entry has: a place in the learner's order."""

    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]


class Experience(ProfileEntry):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experience")
    role = models.CharField(_("role"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=150)
    location = models.CharField(_("location"), max_length=150, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    description = models.TextField(_("what you did"), max_length=2000, blank=True)

    class Meta(ProfileEntry.Meta):
        verbose_name = _("experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="portfolio_experience_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}"


class Education(ProfileEntry):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(_("institution"), max_length=150)
    qualification = models.CharField(
        _("qualification"), max_length=150, help_text=_("For example: Bachelor.")
    )
    field_of_study = models.CharField(_("field of study"), max_length=150, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta(ProfileEntry.Meta):
        verbose_name = _("education")

    def __str__(self) -> str:
        return f"{self.qualification}, {self.institution}"


class Certification(ProfileEntry):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(_("name"), max_length=150)
    issuer = models.CharField(_("issued by"), max_length=150)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta(ProfileEntry.Meta):
        verbose_name = _("certification")

    def __str__(self) -> str:
        return self.name


class Fluency(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    PROFESSIONAL = "professional", _("Professional working")
    CONVERSATIONAL = "conversational", _("Conversational")
    BASIC = "basic", _("Basic")


class SpokenLanguage(ProfileEntry):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=60)
    fluency = models.CharField(_("fluency"), max_length=20, choices=Fluency)

    class Meta(ProfileEntry.Meta):
        verbose_name = _("language")

    def __str__(self) -> str:
        return self.language


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


# How an export moves (portfolio/resume.py moves it, portfolio/rules.py lets its owner retry): a background task
# renders a queued one, ready, or failed after its last attempt or when its worker is lost; a failed one is queued
# again when its owner retries it.
EXPORT_TRANSITIONS = {
    "finish": Transition(frozenset({ExportStatus.QUEUED}), ExportStatus.READY, "system"),
    "fail": Transition(frozenset({ExportStatus.QUEUED}), ExportStatus.FAILED, "system"),
    "retry": Transition(frozenset({ExportStatus.FAILED}), ExportStatus.QUEUED, "owner"),
}


class ResumeExport(models.Model):
    """A résumé PDF asked for: made by a background task from the HTML taken when it was asked for, and stored
    whole (the file is named only once complete), so a download never gets a broken file. Exports of the same
    résumé by the same person share one file (see `digest`); portfolio.files deletes it with the last of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_exports"
    )
    options = models.JSONField()
    # What the task renders, and renders again on a retry; the cleanup clears it once the PDF is ready.
    html = models.TextField()
    # SHA-256 of the HTML and the stylesheets the PDF reads (resume.resume_digest): the same digest, the same PDF.
    digest = models.CharField(max_length=64)
    filename = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    # The background task rendering it now, to tell a render in progress from one whose worker died.
    task_id = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="resumes/", blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
