"""Who mentors whom. A mentor may read a learner's progress only while the learner's mentorship with them lasts."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from .models import Mentorship, Profile, Visibility


def is_mentor_of(mentor, learner) -> bool:
    return (
        mentor.is_authenticated
        and Mentorship.objects.active().filter(mentor=mentor, learner=learner).exists()
    )


def mentee_of(mentor, learner_id: int):
    """The learner with this id if `mentor` currently mentors them, else None: one query."""
    if not mentor.is_authenticated:
        return None
    return (
        get_user_model()
        .objects.filter(pk=learner_id, mentorships__mentor=mentor, mentorships__ended_at__isnull=True)
        .first()
    )


def mentees_of(mentor):
    """The learners `mentor` currently mentors, by name, each with `portfolio_shared`: whether the mentor may see
    their portfolio."""
    shared = Profile.objects.filter(
        user=OuterRef("pk"), visibility__in=[Visibility.MENTORS, Visibility.PUBLIC]
    )
    return (
        get_user_model()
        .objects.filter(mentorships__mentor=mentor, mentorships__ended_at__isnull=True)
        .annotate(portfolio_shared=Exists(shared))
        .order_by("first_name", "last_name", "username")
    )
