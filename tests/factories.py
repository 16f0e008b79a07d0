from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.accounts.roles import Role
from portfolio.models import Profile, Project

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=Role(role).value)[0] for role in extracted))


def learner(**kwargs):
    return UserFactory(roles=[Role.LEARNER], **kwargs)


def mentor(**kwargs):
    return UserFactory(roles=[Role.MENTOR], **kwargs)


def editor(**kwargs):
    return UserFactory(roles=[Role.EDITOR], **kwargs)


def moderator(**kwargs):
    return UserFactory(roles=[Role.EDITOR, Role.MODERATOR], **kwargs)


class ProfileFactory(factory.django.DjangoModelFactory):
    """A learner's portfolio, named after the account as `profile_of` names it."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, roles=[Role.LEARNER])
    name = factory.LazyAttribute(lambda profile: profile.user.get_full_name() or profile.user.username)

    @factory.post_generation
    def links(self, create, extracted, **kwargs):
        """`links=[{"label": ..., "url": ...}, ...]`, in that order."""
        for link in extracted or ():
            self.links.create(**link)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A community project with every required field; `results`, `links` (lists of field dicts, in that order) and
    `skills` add the rows a test needs."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    profile = factory.SubFactory(ProfileFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    community_type = "forum"
    role = "Moderator"
    start_date = date(2024, 1, 1)
    situation = "S"
    actions = "A"
    outcome = "O"
    sort_order = factory.LazyAttribute(lambda project: project.profile.projects.count() + 1)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if extracted:
            self.skills.add(*extracted)

    @factory.post_generation
    def results(self, create, extracted, **kwargs):
        for result in extracted or ():
            self.results.create(**result)

    @factory.post_generation
    def links(self, create, extracted, **kwargs):
        for link in extracted or ():
            self.links.create(**link)
