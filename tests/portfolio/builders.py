"""Portfolios for the résumé tests, the benchmark and the browser test: every section filled."""

from datetime import date
from decimal import Decimal

from portfolio.models import Certification, Education, Experience, Profile, SpokenLanguage
from portfolio.portfolios import profile_of
from tests.factories import ProjectFactory

STORY = (
    "The community had {n} hundred members and no shared rules; questions waited days for an answer and "
    "newcomers left after their first week. "
)


def full_portfolio(
    user, *, projects: int = 2, name: str = "Sari Wulandari", text: str = "", skills=()
) -> Profile:
    """A profile with contact details, background and `projects` community projects, each with two results, a
    link and `skills`. `text`, when given, goes into every free-text field (for hostile-input tests)."""
    profile = profile_of(user)
    profile.name = name
    profile.headline = text or "Community manager for gaming and coffee communities"
    profile.location = text or "Bandung, Indonesia"
    profile.phone = text[:40] or "+62 812 555 0100"
    profile.summary = text or "I build communities where newcomers feel welcome.\nAnd where regulars lead."
    profile.save()
    profile.links.create(label=text[:60] or "LinkedIn", url="https://linkedin.example/in/sari")
    Experience.objects.create(
        profile=profile,
        role=text or "Events host",
        organisation=text or "Kopi Teras",
        location=text or "Bandung",
        start_date=date(2022, 3, 1),
        end_date=date(2024, 8, 31),
        description=text or "Ran monthly latte-art evenings and the café's Instagram account.",
    )
    Education.objects.create(
        profile=profile,
        institution=text or "Universitas Padjadjaran",
        qualification=text or "Bachelor",
        field_of_study=text or "Communication Studies",
        start_date=date(2018, 8, 1),
        end_date=date(2022, 7, 31),
    )
    Certification.objects.create(
        profile=profile,
        name=text or "Community moderation",
        issuer=text or "Kelola",
        date=date(2025, 3, 1),
        url="https://example.org/cert",
    )
    SpokenLanguage.objects.create(profile=profile, language=text[:60] or "Bahasa Indonesia", fluency="native")
    for number in range(1, projects + 1):
        ProjectFactory(
            profile=profile,
            title=text or f"Project {number}: Bandung Board Gamers",
            community_type="social_media",
            platforms=text or "Discord, Instagram",
            role=text or "Volunteer community manager",
            start_date=date(2020 + number % 5, 1 + number % 12, 1),
            situation=text or STORY.format(n=number) * 3,
            actions=text
            or "Weekly game nights, a welcome thread and channel rules written with the members. " * 4,
            outcome=text or f"Outcome {number}: the server runs itself on most weeks with volunteer hosts.",
            sort_order=number,
            skills=skills,
            results=[
                {
                    "label": text[:100] or "Active members",
                    "before": Decimal(1200),
                    "after": Decimal(4800),
                    "unit": text[:30] or "members",
                    "period": text[:60] or "6 months",
                },
                {
                    "label": "Median first response",
                    "before": 9,
                    "after": 2,
                    "unit": "h",
                    "period": "3 months",
                },
            ],
            links=[{"label": text[:60] or "Server", "url": "https://example.org/server"}],
        )
    return profile
