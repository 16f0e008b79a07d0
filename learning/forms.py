from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .blocks import question_list
from .levels import SkillLevel
from .question_banks import bank_problems
from .scoring import Kind, Question

REFLECTION_MAX_LENGTH = 2000


def _question_field(question: Question) -> forms.Field:
    messages = {
        "required": _("Answer this question."),
        "invalid_choice": _("That answer is not one of this question's choices. Please choose again."),
    }
    if question.kind == Kind.REFLECTION:
        return forms.CharField(
            label=question.prompt,
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=REFLECTION_MAX_LENGTH,
            required=question.required,
            error_messages={"required": _("Write a sentence or two.")},
        )
    choices = [(choice.id, choice.text) for choice in question.choices]
    if question.allows_several:
        return forms.MultipleChoiceField(
            label=question.prompt,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={**messages, "required": _("Choose at least one answer.")},
        )
    return forms.ChoiceField(
        label=question.prompt, choices=choices, widget=forms.RadioSelect, error_messages=messages
    )


class QuizForm(forms.Form):
    """One field per question, named after the question's id; correct answers never reach the form."""

    attempt = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        *args,
        questions: list[Question],
        number: int | None = None,
        preview: bool = False,
        draft_key: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["attempt"].initial = number
        for position, question in enumerate(questions, start=1):
            field = _question_field(question)
            field.question = question
            field.position = position
            field.total = len(questions)
            self.fields[self.field_name(question)] = field
        self.helper = FormHelper()
        self.helper.form_id = "quiz-form"
        # The server's error summary lists every unanswered question at once; the browser's own check stops at one.
        # autocomplete=off: Chromium would otherwise restore the previous attempt's ticks, by position, into the
        # next attempt's (differently shuffled) form when the learner goes Back after submitting.
        self.helper.attrs = {"novalidate": "", "autocomplete": "off"}
        if draft_key:
            # static/js/quiz-draft.js keeps unsent answers under this key while the learner switches language.
            self.helper.attrs["data-quiz-draft"] = draft_key
        self.helper.layout = Layout(
            "attempt",
            *(Field(self.field_name(q), template="learning/quiz/question_field.html") for q in questions),
        )
        if not preview:
            self.helper.add_input(Submit("submit", _("Submit answers")))

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question-{question.id}"

    def unanswered(self) -> list[forms.BoundField]:
        """The question fields with errors, for the summary at the top of the form."""
        return [self[name] for name in self.errors if name in self.fields and name != "attempt"]

    def responses(self) -> dict:
        return {question.id: self.cleaned_data[self.field_name(question)] for question in self.questions}


class QuizPageForm(WagtailAdminPageForm):
    """The quiz editor's form: a quiz can only follow a lesson of its own module, and a translation shows its
    original's rules read-only (they apply in every language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.rules.pk != self.instance.pk:
            for name in self.instance.RULE_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].initial = getattr(self.instance.rules, name)
                    self.fields[name].help_text = _(
                        "Set on the original-language quiz; applies to every translation."
                    )

    def clean(self):
        cleaned_data = super().clean()
        lesson = cleaned_data.get("follows_lesson")
        parent = self.parent_page
        if lesson is not None and parent is not None and lesson.get_parent().pk != parent.pk:
            self.add_error("follows_lesson", _("Choose a lesson of the module this quiz belongs to."))
        self._check_the_bank(cleaned_data.get("questions"))
        return cleaned_data

    def _check_the_bank(self, questions):
        draws = self.formsets.get("draws")
        if questions is None or draws is None or not draws.is_valid():
            return
        skills = [
            (form.cleaned_data["skill"], form.cleaned_data["count"])
            for form in draws.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for problem in bank_problems(
            question_list(questions),
            {skill.translation_key: count for skill, count in skills},
            skill_names={skill.translation_key: skill.name for skill, _count in skills},
        ):
            self.add_error(None, problem)


class SkillGoalsForm(forms.Form):
    """A target level and optional date for every skill; leaving the level empty means no goal."""

    def __init__(self, *args, skills, goals, today, **kwargs):
        """`skills`: (default-language skill, name in the active language); `goals`: current goals by skill id."""
        super().__init__(*args, **kwargs)
        self.skills = [skill for skill, _name in skills]
        self.today = today
        self.rows = []
        for skill, name in skills:
            goal = goals.get(skill.pk)
            self.fields[f"level_{skill.pk}"] = forms.TypedChoiceField(
                label=_("Target level for %(skill)s") % {"skill": name},
                choices=[("", _("No goal"))]
                + [c for c in SkillLevel.choices if c[0] > SkillLevel.NOT_STARTED],
                coerce=int,
                empty_value=None,
                required=False,
                initial=goal.target_level if goal else None,
            )
            self.fields[f"date_{skill.pk}"] = forms.DateField(
                label=_("Reach it by (%(skill)s)") % {"skill": name},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=goal.target_date if goal else None,
            )
            self.rows.append((name, self[f"level_{skill.pk}"], self[f"date_{skill.pk}"]))

    def clean(self):
        cleaned = super().clean()
        for skill in self.skills:
            level, target_date = cleaned.get(f"level_{skill.pk}"), cleaned.get(f"date_{skill.pk}")
            if target_date and not level:
                self.add_error(
                    f"date_{skill.pk}", _("Choose a target level for this date, or clear the date.")
                )
            elif target_date and target_date < self.today:
                self.add_error(f"date_{skill.pk}", _("Choose a date from today on."))
        return cleaned

    def targets(self) -> dict:
        return {
            skill: (self.cleaned_data[f"level_{skill.pk}"], self.cleaned_data[f"date_{skill.pk}"])
            for skill in self.skills
        }
