from dataclasses import dataclass
from functools import cache

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.page_cache import AnonymousCacheMixin

from .blocks import FurtherReadingBlock, LessonStreamBlock, QuizStreamBlock, question_list
from .forms import QuizForm, QuizPageForm
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


class CourseIndexPage(AnonymousCacheMixin, Page):
    """The course: every module, with the signed-in learner's progress."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["learning.ModulePage", "learning.QuizPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from .progress import course_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = course_overview(course=self, user=request.user)
        return context


class ModulePage(AnonymousCacheMixin, Page):
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
    subpage_types = ["learning.LessonPage", "learning.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from .progress import module_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = module_outline(module=self, user=request.user)
        return context


class LessonPage(AnonymousCacheMixin, Page):
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


class LessonStart(models.Model):
    """A learner first opened a lesson, and in which language: where the editors' course funnel starts counting.
    Keyed by translation key like completions; every completion has one (completing starts a lesson too)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_starts")
    lesson_key = models.UUIDField(_("lesson"))
    language = models.CharField(_("language"), max_length=10)
    started_at = models.DateTimeField(_("first opened at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="learning_start_once_per_lesson")
        ]
        indexes = [models.Index(fields=["lesson_key", "started_at"])]
        verbose_name = _("lesson start")

    def __str__(self) -> str:
        return f"{self.user} started {self.lesson_key}"


class CourseBookmark(models.Model):
    """The lesson a learner last opened, for "continue where you left off"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_bookmark"
    )
    lesson_key = models.UUIDField(_("lesson"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} was last at {self.lesson_key}"


class RevealMoment(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after each attempt")
    AFTER_PASSING = "after_passing", _("Once the learner has passed or used the last attempt")
    NEVER = "never", _("Never")


@dataclass(frozen=True)
class Reveal:
    """What a result page may show beyond pass or fail; `withheld`: the moment the right answers and explanations
    come, when the quiz shows them but not yet."""

    score: bool = False
    correctness: bool = False
    correct_answer: bool = False
    explanation: bool = False
    withheld: str = ""


@cache
def _default_locale_id() -> int:
    """The default language's locale, made by Wagtail's migrations and never changed: looked up once a process."""
    return Locale.get_default().pk


class QuizPage(Page):
    """A self-assessment: in a module (a check on its lessons) or at the top of the course (a baseline)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    follows_lesson = models.ForeignKey(
        "learning.LessonPage",
        verbose_name=_("follows lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a lesson of the same module after which the quiz is offered."),
    )
    questions = StreamField(QuizStreamBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Share of the scored points needed to pass. 0 for a self-assessment without pass or fail."
        ),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("minutes to wait after failing twice"),
        default=480,
        help_text=_(
            "The wait after a second failed attempt and after each failed attempt from then on, so learners reread "
            "instead of guessing. 0 lets learners retry straight away."
        ),
    )
    shuffle_choices = models.BooleanField(
        _("shuffle choices"), default=True, help_text=_("Each learner sees the choices in their own order.")
    )
    reveal_when = models.CharField(
        _("reveal the right answers and explanations"),
        max_length=20,
        choices=RevealMoment,
        default=RevealMoment.AFTER_PASSING,
        help_text=_("The score and whether each answer was right are shown at once, if ticked below."),
    )
    reveal_score = models.BooleanField(_("the score, in total and per skill"), default=True)
    reveal_correctness = models.BooleanField(_("whether each answer was right"), default=True)
    reveal_correct_answer = models.BooleanField(_("the right answer"), default=True)
    reveal_explanation = models.BooleanField(_("the explanation and choice feedback"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("follows_lesson", "learning.LessonPage"),
        FieldPanel("questions"),
    ]
    rules_panels = [
        FieldPanel("pass_mark"),
        InlinePanel(
            "draws",
            heading=_("Question bank"),
            label=_("Skill to draw"),
            help_text=_(
                "Each attempt asks this many scored questions of the skill, drawn from the quiz's questions of "
                "that skill (at least two in the bank for each one asked), those the learner saw least first. "
                "Skills not listed are always asked in full; with none listed, every question is asked."
            ),
        ),
        MultiFieldPanel([FieldPanel("max_attempts"), FieldPanel("cooldown_minutes")], heading=_("Attempts")),
        FieldPanel("shuffle_choices"),
        MultiFieldPanel(
            [
                FieldPanel("reveal_when"),
                FieldPanel("reveal_score"),
                FieldPanel("reveal_correctness"),
                FieldPanel("reveal_correct_answer"),
                FieldPanel("reveal_explanation"),
            ],
            heading=_("What the result shows"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(rules_panels, heading=_("Rules")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["learning.ModulePage", "learning.CourseIndexPage"]
    subpage_types = []
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        if self.pass_mark and not any(question.is_scored for question in self.question_list()):
            raise ValidationError(
                {
                    "pass_mark": _(
                        "Only scored questions can be passed: add a choice, true-or-false or scenario question, "
                        "or set the pass mark to 0 for a pure self-assessment."
                    )
                }
            )

    RULE_FIELDS = (
        "pass_mark",
        "max_attempts",
        "cooldown_minutes",
        "shuffle_choices",
        "reveal_when",
        "reveal_score",
        "reveal_correctness",
        "reveal_correct_answer",
        "reveal_explanation",
    )

    @cached_property
    def rules(self) -> "QuizPage":
        """The page whose rules apply: the default-language original, so that translations cannot drift into
        other pass marks, attempt limits or reveal policies."""
        if self.locale_id == _default_locale_id():
            return self
        source = (
            QuizPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .only("pk", *self.RULE_FIELDS)
            .first()
        )
        return source or self

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None and self.locale.language_code == settings.LANGUAGE_CODE:
            # Keep the translations' copies equal to the original, so the editor shows what applies.
            translations = QuizPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
            translations.update(**{name: getattr(self, name) for name in self.RULE_FIELDS})
            QuizDraw.objects.filter(quiz__in=translations).delete()
            QuizDraw.objects.bulk_create(
                QuizDraw(
                    quiz_id=translation, skill_id=draw.skill_id, count=draw.count, sort_order=draw.sort_order
                )
                for translation in translations.values_list("pk", flat=True)
                for draw in self.draws.all()
            )

    def reveal(self, *, has_passed: bool, attempts_used: int) -> Reveal:
        """The reveal policy applied to a learner. The score and each answer's rightness show at once; the right
        answers and explanations at the policy's moment: "after passing" means once any attempt passed, or no
        attempt is left (a quiz without a pass mark counts as passed)."""
        rules = self.rules
        out_of_attempts = rules.max_attempts is not None and attempts_used >= rules.max_attempts
        due = rules.reveal_when == RevealMoment.IMMEDIATELY or (
            rules.reveal_when == RevealMoment.AFTER_PASSING
            and (has_passed or out_of_attempts or not rules.pass_mark)
        )
        answers = rules.reveal_correct_answer and due
        explanation = rules.reveal_explanation and due
        withheld = (rules.reveal_correct_answer or rules.reveal_explanation) and not due
        return Reveal(
            score=rules.reveal_score,
            correctness=rules.reveal_correctness,
            correct_answer=answers,
            explanation=explanation,
            withheld=rules.reveal_when if withheld else "",
        )

    def question_list(self):
        """The questions as plain `scoring.Question`s, in order: the bank attempts draw from."""
        return question_list(self.questions)

    @cached_property
    def draw_counts(self) -> dict:
        """How many questions an attempt asks per skill translation key (the original's: rules apply in every
        language)."""
        return {draw.skill.translation_key: draw.count for draw in self.rules.draws.select_related("skill")}

    def serve(self, request, *args, **kwargs):
        """Show the quiz (GET) or take a submission (POST), as Wagtail's form pages do; a preview shows editors the
        form learners get, without submitting."""
        # The quiz rules record attempts on the models of this module, so they are imported when serving.
        from . import quizzes

        bank = quizzes.localized_questions(self)
        context = {**self.get_context(request), **quizzes.quiz_facts(self, bank)}
        user = request.user
        if not user.is_authenticated:
            if request.method == "POST":
                return redirect_to_login(self.get_url(request))
            return TemplateResponse(request, self.get_template(request), context)
        preview = getattr(request, "is_preview", False)
        history = quizzes.AttemptHistory(list(quizzes.attempts_of(user, self)))
        allowed = quizzes.availability(self, history.attempts)
        submitting = request.method == "POST" and not preview
        number = len(history.attempts) + 1
        if submitting:
            number = _submitted_number(request, default=number)
        questions = quizzes.questions_for_attempt(bank, quiz=self, user=user, number=number)
        draft = "" if preview else quizzes.draft_key(quiz=self, user=user, number=number)
        if submitting:
            form = QuizForm(request.POST, questions=questions, draft_key=draft)
            if form.is_valid():
                try:
                    attempt = quizzes.submit_attempt(
                        user=user, quiz=self, number=number, questions=questions, responses=form.responses()
                    )
                except quizzes.SubmissionRefused as refusal:
                    messages.warning(request, refusal.message)
                    return redirect(refusal.attempt or self.get_url(request))
                return redirect(attempt)
        else:
            form = QuizForm(questions=questions, number=number, preview=preview, draft_key=draft)
        context.update(
            {
                "form": form if allowed.allowed or preview else None,
                "history": history,
                "availability": allowed,
                "reveal": self.reveal(has_passed=history.has_passed, attempts_used=len(history.attempts)),
                "preview": preview,
            }
        )
        response = TemplateResponse(request, self.get_template(request), context)
        # Back after submitting must fetch a fresh form (the next attempt), never a stored copy of the answered one.
        patch_cache_control(response, no_store=True)
        return response

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return self.serve(request)


def _submitted_number(request, *, default: int) -> int:
    """The attempt number the form was shown for (a stale form must not count as the next attempt)."""
    try:
        return max(1, int(request.POST.get("attempt", default)))
    except ValueError:
        return default


class QuizDraw(Orderable):
    """How many questions of one skill each attempt of a quiz asks, drawn from the quiz's questions of that skill."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="draws")
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=in_default_language,
    )
    count = models.PositiveSmallIntegerField(_("questions to ask"), validators=[MinValueValidator(1)])

    panels = [FieldPanel("skill"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("skill to draw")
        constraints = [models.UniqueConstraint(fields=["quiz", "skill"], name="one_draw_per_skill_and_quiz")]

    def __str__(self):
        return f"{self.skill}: {self.count}"


class QuizAttempt(models.Model):
    """One submitted attempt, with a copy of what was asked so that history stays true after editors change the quiz.

    Keyed by the quiz's translation key: attempts in any language count for the same quiz.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz_key = models.UUIDField(_("quiz"))
    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("quiz page"), null=True, on_delete=models.SET_NULL, related_name="attempts"
    )
    quiz_title = models.CharField(_("quiz title"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    earned = models.DecimalField(_("points earned"), max_digits=12, decimal_places=6)
    possible = models.PositiveSmallIntegerField(_("points possible"))
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            # The guard against double submits: one attempt per number, whatever the tabs and clicks.
            models.UniqueConstraint(
                fields=["user", "quiz_key", "number"], name="learning_attempt_unique_number"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-submitted_at"]),
            # The editors' question statistics read first attempts of one quiz.
            models.Index(fields=["quiz_key", "number", "submitted_at"]),
        ]
        verbose_name = _("quiz attempt")
        # Editors, moderators and administrators have it (migration 0007); the reports show counts and rates only.
        permissions = [("view_course_reports", _("Can see the course and question reports"))]

    def __str__(self) -> str:
        return f"{self.user}: {self.quiz_title} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("learning:quiz_attempt", args=[self.pk])


class QuizAnswer(models.Model):
    """The answer to one question of an attempt, with the question as it was asked."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(_("position"))
    question_id = models.CharField(_("question"), max_length=64)
    kind = models.CharField(_("question type"), max_length=20)
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    earned = models.DecimalField(_("points earned"), max_digits=12, decimal_places=6, default=0)
    possible = models.PositiveSmallIntegerField(_("points possible"), default=0)
    self_rating = models.PositiveSmallIntegerField(
        _("self-rated level"), choices=SkillLevel, null=True, blank=True
    )
    text = models.TextField(_("written answer"), blank=True)
    question = models.JSONField(_("question as asked"))
    selected = models.JSONField(_("chosen choices"), default=list)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="learning_answer_unique_position")
        ]
        indexes = [models.Index(fields=["skill", "attempt"])]
        verbose_name = _("quiz answer")

    def __str__(self) -> str:
        return f"{self.attempt}, question {self.position}"


class QuizChoicePick(models.Model):
    """One choice picked in an answer: `QuizAnswer.selected` as rows, so the editors' distractor analysis counts
    picks per choice in the database (no portable JSON lookup does)."""

    answer = models.ForeignKey(QuizAnswer, on_delete=models.CASCADE, related_name="picks")
    choice_id = models.CharField(_("choice"), max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice_id"], name="learning_pick_once_per_answer")
        ]
        verbose_name = _("picked choice")

    def __str__(self) -> str:
        return f"{self.answer}: {self.choice_id}"


class SkillGoal(models.Model):
    """The level a learner aims for in a skill, by an optional date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_goals")
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_language,
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), choices=SkillLevel, validators=[MinValueValidator(SkillLevel.AWARE)]
    )
    target_date = models.DateField(_("by"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "skill"], name="learning_goal_once_per_skill")]
        verbose_name = _("skill goal")

    def __str__(self) -> str:
        return f"{self.user}: {self.skill} → {self.target_level}"


class SkillLevelChange(models.Model):
    """A learner's level in a skill changed: the history behind "how far have I come"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_level_changes"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel)
    verified = models.BooleanField(_("verified by a mentor"), default=False)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["user", "changed_at"])]
        verbose_name = _("skill level change")

    def __str__(self) -> str:
        return f"{self.user}: {self.skill} at {self.level} on {self.changed_at:%Y-%m-%d}"
