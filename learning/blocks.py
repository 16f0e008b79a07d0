"""The blocks a lesson is written with. Each renders with its own template in templates/learning/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from cms.blocks import RICH_TEXT_FEATURES, CalloutBlock, HeadingBlock, ImageBlock, QuoteBlock

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
