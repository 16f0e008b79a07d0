"""The five levels every skill is assessed on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillLevel(models.IntegerChoices):
    NOT_STARTED = 0, _("Not started")
    AWARE = 1, _("Aware")
    PRACTISING = 2, _("Practising")
    PROFICIENT = 3, _("Proficient")
    EXPERT = 4, _("Expert")
