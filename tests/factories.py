import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.accounts.roles import Role

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
