from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

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
    # Chosen rather than looked up by type: the site pages know no feature app (docs/architecture.md).
    start_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("start page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the main buttons lead a newcomer: the course."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("offers"),
        FieldPanel("steps"),
        FieldPanel("start_page"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        start = self.start_page
        context["course_page"] = start.localized if start and start.live else None
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


class Notification(models.Model):
    """Something that happened for this person: shown in their list (unread first) and sent by email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # Worded when read (cms/notifications.py): a message key, its parameters, and where it links to.
    message = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    route = models.CharField(max_length=100, blank=True)
    route_args = models.JSONField(default=list, blank=True)
    # Notifications from before keys: worded and linked in their sender's language, shown as they are.
    text = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message or self.text
