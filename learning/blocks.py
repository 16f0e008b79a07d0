"""The blocks lessons and quizzes are written with. Lesson blocks render with their own templates in
templates/learning/blocks/; quiz questions become form fields (learning/quizzes.py)."""

from fractions import Fraction

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import RICH_TEXT_FEATURES, CalloutBlock, HeadingBlock, ImageBlock, QuoteBlock

from .levels import SkillLevel
from .scoring import Choice, Kind, Question, Rating, problems

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]


class CaseStudyBlock(blocks.StructBlock):
    """A worked example: a real-looking situation, what was done and what came of it."""

    title = blocks.CharBlock(label=_("Title"), max_length=150)
    context = blocks.RichTextBlock(label=_("Context"), features=SHORT_RICH_TEXT)
    approach = blocks.RichTextBlock(label=_("What was done"), features=SHORT_RICH_TEXT)
    outcome = blocks.RichTextBlock(label=_("Outcome"), features=SHORT_RICH_TEXT)

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "learning/blocks/case_study_block.html"


class ScenarioBlock(blocks.StructBlock):
    """An exercise: the learner thinks first, then reveals a model answer."""

    title = blocks.CharBlock(label=_("Title"), max_length=150)
    situation = blocks.RichTextBlock(label=_("Situation"), features=SHORT_RICH_TEXT)
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    model_answer = blocks.RichTextBlock(label=_("Model answer"), features=SHORT_RICH_TEXT)

    class Meta:
        icon = "help"
        label = _("Scenario exercise")
        template = "learning/blocks/scenario_block.html"


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"))

    class Meta:
        icon = "comment"
        label = _("Reflection prompt")
        template = "learning/blocks/reflection_block.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "learning/blocks/checklist_block.html"


class TakeawaysBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Takeaway"), max_length=300), label=_("Key takeaways"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "learning/blocks/takeaways_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock(label=_("Tip or warning"))
    case_study = CaseStudyBlock()
    scenario = ScenarioBlock()
    reflection = ReflectionBlock()
    checklist = ChecklistBlock()
    image = ImageBlock(label=_("Image"))
    video = VideoBlock()
    quote = QuoteBlock(label=_("Quote"))
    takeaways = TakeawaysBlock()


class FurtherReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address"), required=False)
    note = blocks.CharBlock(label=_("Why read it"), max_length=300, required=False)

    class Meta:
        icon = "link"
        label = _("Further reading")


# Quiz questions. Each block knows how to turn its value into a plain `scoring.Question`, and refuses (in the
# admin) a question nobody could answer with full marks.


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=400)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False, help_text=_("Why this choice is right or wrong.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class RatedChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=400)
    rating = blocks.ChoiceBlock(
        label=_("Rating"),
        choices=Rating.choices,
        help_text=_("Best earns full points, acceptable half, poor none."),
    )
    feedback = blocks.TextBlock(label=_("Feedback"), required=False, help_text=_("Why it is rated so."))

    class Meta:
        icon = "radio-full"
        label = _("Choice")


def _choices(list_value, make_choice) -> tuple[Choice, ...]:
    return tuple(make_choice(str(child.id), child.value) for child in list_value.bound_blocks)


def _answer_choice(choice_id: str, value) -> Choice:
    return Choice(
        id=choice_id,
        text=value["text"],
        credit=Fraction(1 if value["correct"] else 0),
        feedback=value["feedback"],
    )


def _rated_choice(choice_id: str, value) -> Choice:
    rating = Rating(value["rating"])
    return Choice(
        id=choice_id, text=value["text"], credit=rating.credit, feedback=value["feedback"], rating=rating
    )


class QuestionBlock(blocks.StructBlock):
    """What every question has: the skill it checks. Subclasses add their fields and `to_question`."""

    skill = SnippetChooserBlock("learning.Skill", label=_("Skill"))

    kind: Kind

    def to_question(self, value, block_id: str) -> Question:
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        if messages := problems(self.to_question(value, block_id="")):
            raise StructBlockValidationError(non_block_errors=ErrorList(messages))
        return value


class ScoredQuestionBlock(QuestionBlock):
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=1, max_value=10)
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        features=SHORT_RICH_TEXT,
        required=False,
        help_text=_("The idea the question checks, shown with the result."),
    )


class ChoiceQuestionBlock(ScoredQuestionBlock):
    prompt = blocks.CharBlock(label=_("Question"), max_length=400)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Choices"), min_num=2, max_num=8)

    def to_question(self, value, block_id: str) -> Question:
        return Question(
            id=block_id,
            kind=self.kind,
            prompt=value["prompt"],
            skill=value["skill"],
            choices=_choices(value["choices"], _answer_choice),
            explanation=value["explanation"],
            points=value["points"],
        )


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = Kind.SINGLE_CHOICE

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = Kind.MULTIPLE_CHOICE

    class Meta:
        icon = "tick"
        label = _("Multiple choice")
        help_text = _("Several correct choices; each wrong pick takes points away.")


class TrueFalseQuestionBlock(ScoredQuestionBlock):
    kind = Kind.TRUE_FALSE
    statement = blocks.CharBlock(label=_("Statement"), max_length=400)
    correct = blocks.BooleanBlock(label=_("The statement is true"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("True or false")

    def to_question(self, value, block_id: str) -> Question:
        return Question(
            id=block_id,
            kind=self.kind,
            prompt=value["statement"],
            skill=value["skill"],
            choices=(
                Choice("true", _("True"), credit=Fraction(1 if value["correct"] else 0)),
                Choice("false", _("False"), credit=Fraction(0 if value["correct"] else 1)),
            ),
            explanation=value["explanation"],
            points=value["points"],
        )


class ScenarioQuestionBlock(ScoredQuestionBlock):
    kind = Kind.SCENARIO
    situation = blocks.RichTextBlock(label=_("Situation"), features=SHORT_RICH_TEXT)
    prompt = blocks.CharBlock(label=_("Question"), max_length=400)
    choices = blocks.ListBlock(RatedChoiceBlock(), label=_("Choices"), min_num=2, max_num=6)

    class Meta:
        icon = "group"
        label = _("Scenario")

    def to_question(self, value, block_id: str) -> Question:
        return Question(
            id=block_id,
            kind=self.kind,
            prompt=value["prompt"],
            skill=value["skill"],
            situation=value["situation"],
            choices=_choices(value["choices"], _rated_choice),
            explanation=value["explanation"],
            points=value["points"],
        )


SELF_RATING_SCALE = {
    SkillLevel.NOT_STARTED: _("Not yet"),
    SkillLevel.AWARE: _("I know what it involves"),
    SkillLevel.PRACTISING: _("I can with some guidance"),
    SkillLevel.PROFICIENT: _("I can on my own, reliably"),
    SkillLevel.EXPERT: _("I could teach others"),
}


class SelfRatingQuestionBlock(QuestionBlock):
    kind = Kind.SELF_RATING
    statement = blocks.CharBlock(
        label=_("Statement"), max_length=300, help_text=_('An "I can …" statement the learner rates.')
    )

    class Meta:
        icon = "user"
        label = _("Self-rating")
        help_text = _(
            "Not scored: records where the learner places themselves, from “not yet” to “I could teach others”."
        )

    def to_question(self, value, block_id: str) -> Question:
        return Question(
            id=block_id,
            kind=self.kind,
            prompt=value["statement"],
            skill=value["skill"],
            choices=tuple(Choice(str(level.value), label) for level, label in SELF_RATING_SCALE.items()),
        )


class ReflectionQuestionBlock(QuestionBlock):
    kind = Kind.REFLECTION
    prompt = blocks.TextBlock(label=_("Prompt"))
    required = blocks.BooleanBlock(
        label=_("Learners must answer it"),
        required=False,
        default=False,
        help_text=_("Leave unticked to let learners submit the quiz without writing anything here."),
    )

    class Meta:
        icon = "comment"
        label = _("Short reflection")
        help_text = _("Not scored: free text the learner's mentor can read.")

    def to_question(self, value, block_id: str) -> Question:
        return Question(
            id=block_id,
            kind=self.kind,
            prompt=value["prompt"],
            skill=value["skill"],
            required=bool(value["required"]),
        )


class QuizStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()
    self_rating = SelfRatingQuestionBlock()
    reflection = ReflectionQuestionBlock()

    class Meta:
        min_num = 1


def question_list(stream) -> list[Question]:
    """A quiz stream's questions as plain `scoring.Question`s, in order."""
    return [child.block.to_question(child.value, block_id=str(child.id)) for child in stream]
