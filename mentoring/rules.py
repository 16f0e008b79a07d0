"""Who may do what in mentoring."""

from django.contrib.auth import get_user_model

from .models import Mentorship


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
