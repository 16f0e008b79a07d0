"""What learning adds to the ground floor's extension points (cms): its menu links and landing, what counts as a
person's own learning, the wording of skills and levels in notifications, the skills framework as content pages
show, and the learning record as its part of a person's data. Connected by LearningConfig.ready()."""

from django.conf import settings
from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant

from cms import cache_versions, navigation, notifications, personal_data

from .exports import learning_record
from .levels import SkillLevel
from .models import LessonCompletion, QuizAttempt, Skill, SkillCategory, SkillGoal
from .tracker import skills_tracker


def my_learning_link(account):
    if account and not account.mentor_only:
        return navigation.NavItem(_("My learning"), reverse("dashboard"))
    return None


def search_link(account):
    return navigation.NavItem(_("Search"), reverse("search"))


def dashboard_landing(account):
    return reverse("dashboard")


def word_skills_and_levels(params_list: list[dict]) -> None:
    """A level's label, and a skill named by its key, in the active language (the skill's stored name for an older
    row or a deleted skill): one query for all."""
    names = _skill_names({params["skill_key"] for params in params_list if "skill_key" in params})
    for params in params_list:
        if "level" in params:
            params["level"] = SkillLevel(params["level"]).label
        if params.get("skill_key") in names:
            params["skill"] = names[params["skill_key"]]


def _skill_names(keys: set[str]) -> dict[str, str]:
    """Skill names by translation key, in the active language where translated, else in the default language."""
    if not keys:
        return {}
    language = get_supported_content_language_variant(get_language())
    rows = Skill.objects.filter(
        translation_key__in=keys, locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("translation_key", "locale__language_code", "name")
    names = {}
    for key, language_code, name in rows:
        if str(key) not in names or language_code == language:
            names[str(key)] = name
    return names


def learning_data(user) -> dict:
    """The learning record a learner downloads from their tracker: progress, bookmark, attempts with answers,
    goals, levels and their history, endorsements received (learning/exports.py)."""
    return learning_record(user=user, tracker=skills_tracker(user))


# Deleted with the account. The editors' course and question reports count what remains: a deleted learner's
# starts, completions and attempts leave their figures, as the person asked.
LEARNING_DATA = personal_data.PersonalData(
    "learning",
    (
        "learning.LessonStart",
        "learning.LessonCompletion",
        "learning.CourseBookmark",
        "learning.QuizAttempt",
        "learning.SkillGoal",
        "learning.SkillLevelChange",
    ),
    learning_data,
)


def connect() -> None:
    navigation.MENU_ITEMS.register(my_learning_link, order=10)
    navigation.MENU_TOOLS.register(search_link)
    # After every other feature's landing: the dashboard is everyone's home otherwise.
    navigation.LANDINGS.register(dashboard_landing, order=1000)
    for model in (LessonCompletion, QuizAttempt, SkillGoal):
        navigation.OWN_LEARNING.register(
            lambda person, model=model: Exists(model.objects.filter(user=person))
        )
    notifications.PARAMETER_WORDING.register(word_skills_and_levels)
    # Snippets editors change (in the admin, by translation, by the curriculum loader) that pages show.
    cache_versions.shown_on_pages(Skill, SkillCategory)
    personal_data.PERSONAL_DATA.register(LEARNING_DATA, order=20)
