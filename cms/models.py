from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.models import CourseIndexPage

from .blocks import BaseStreamBlock, FeatureBlock, StepBlock
from .page_cache import AnonymousCacheMixin


class HomePage(AnonymousCacheMixin, Page):
    """The site root: tells a newcomer what Kelola offers and where to start."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400)
    offers = StreamField(
        [("feature", FeatureBlock())],
        verbose_name=_("what Kelola offers"),
        blank=True,
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("where to start"),
        blank=True,
        help_text=_("The first steps a newcomer should take, in order."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("offers"),
        FieldPanel("steps"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course_page"] = CourseIndexPage.objects.child_of(self).live().first()
        return context


class StandardPage(AnonymousCacheMixin, Page):
    """A generic content page: about, help, privacy and the like."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
