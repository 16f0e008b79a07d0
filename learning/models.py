from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from .blocks import FurtherReadingBlock, LessonStreamBlock
from .levels import SkillLevel


def in_default_language() -> dict:
    """Pages point at the skills of the default language; each language shows its own translation of them."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class SkillCategory(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Stable identifier, the same in every language.")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="learning_category_unique_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Skill(TranslatableMixin, index.Indexed, models.Model):
    """A skill of the framework, with what each of the five levels looks like in practice."""

    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Stable identifier, the same in every language.")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"))
    category = models.ForeignKey(
        SkillCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="skills"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    level_0 = models.TextField(SkillLevel.NOT_STARTED.label)
    level_1 = models.TextField(SkillLevel.AWARE.label)
    level_2 = models.TextField(SkillLevel.PRACTISING.label)
    level_3 = models.TextField(SkillLevel.PROFICIENT.label)
    level_4 = models.TextField(SkillLevel.EXPERT.label)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel(f"level_{level}") for level in SkillLevel.values],
            heading=_("What each level looks like"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="learning_skill_unique_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def level_descriptors(self) -> list[tuple[SkillLevel, str]]:
        return [(level, getattr(self, f"level_{level.value}")) for level in SkillLevel]


class CourseIndexPage(Page):
    """The course: every module, with the signed-in learner's progress."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["learning.ModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from .progress import course_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = course_overview(course=self, user=request.user)
        return context


class ModulePage(Page):
    """A module (track) of the course: an ordered list of lessons building a few skills."""

    summary = models.CharField(
        _("summary"), max_length=250, help_text=_("One sentence for the course overview.")
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"])
    skills = ParentalManyToManyField(
        Skill,
        verbose_name=_("skills it builds"),
        related_name="modules",
        limit_choices_to=in_default_language,
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("intro")]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from .progress import module_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = module_outline(module=self, user=request.user)
        return context


class LessonPage(Page):
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in listings and search results."),
    )
    minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    skills = ParentalManyToManyField(
        Skill,
        verbose_name=_("skills practised"),
        related_name="lessons",
        limit_choices_to=in_default_language,
        blank=True,
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    further_reading = StreamField(
        [("item", FurtherReadingBlock())], verbose_name=_("further reading"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("minutes"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("further_reading"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        from .progress import record_visit

        record_visit(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .progress import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user))
        return context


class LessonCompletion(models.Model):
    """A learner finished a lesson. Keyed by the lesson's translation key, so it counts in every language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson_key = models.UUIDField(_("lesson"))
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="learning_completion_once_per_lesson")
        ]
        indexes = [models.Index(fields=["user", "-completed_at"])]
        verbose_name = _("lesson completion")

    def __str__(self) -> str:
        return f"{self.user} completed {self.lesson_key}"


class CourseBookmark(models.Model):
    """The lesson a learner last opened, for "continue where you left off"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_bookmark"
    )
    lesson_key = models.UUIDField(_("lesson"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} was last at {self.lesson_key}"
