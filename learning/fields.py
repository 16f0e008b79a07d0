"""Form fields over the skills framework, for the apps that tag things with skills (projects, endorsements)."""

from .progress import skills_by_key
from .skill_evidence import framework_skills


def framework_skill_choices(field) -> None:
    """The framework's skills as the field's choices, named in the active language."""
    field.queryset = framework_skills()
    names = skills_by_key(field.queryset)
    field.label_from_instance = lambda skill: names[skill.translation_key].name
