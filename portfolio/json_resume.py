"""JSON Resume (jsonresume.org, schema 1.0.0) in and out, so learners can move their data between tools.

Export writes every section of the schema; what Kelola has beyond it (community type, measurable results, the
situation / actions / outcome, verified skill levels) goes in `x-kelola` properties, which the schema allows.
Import is two steps: `read_resume` checks a document and plans what it would add or change, without touching the
database; `apply_plan` carries the plan out in one transaction, overwriting only the profile fields the learner
ticked. What cannot be mapped is listed, never silently dropped.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from cms.cache_versions import people_changed

from .models import (
    Certification,
    CommunityType,
    Education,
    Experience,
    Fluency,
    Profile,
    ProfileLink,
    Project,
    ProjectLink,
    ProjectResult,
    SpokenLanguage,
)

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
SECTIONS = [
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
]
BASICS_FIELDS = {
    "name": "name",
    "label": "headline",
    "email": "email",
    "phone": "phone",
    "summary": "summary",
}
MAX_ENTRIES = 50
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(entry: dict) -> dict:
    """Leave out empty values: the schema's fields are all optional."""
    return {key: value for key, value in entry.items() if value not in (None, "", [], {})}


def export_resume(profile: Profile, *, skills=()) -> dict:
    """The profile as a JSON Resume document. `skills`: the tracker's `SkillProgress` items, exported when the
    learner shows their Kelola achievements."""
    with override("en"):  # the schema's free-text levels are read by other tools: English
        languages = [
            {"language": item.language, "fluency": item.get_fluency_display()}
            for item in profile.languages.all()
        ]
        exported_skills = [
            _clean(
                {
                    "name": item.skill.name,
                    "level": item.assessment.label,
                    "x-kelola": {
                        "skill": item.skill.slug,
                        "level": item.level,
                        "verifiedByMentor": item.assessment.verified,
                    },
                }
            )
            for item in skills
            if item.level and profile.include_course_achievements
        ]
        projects = [_project(project) for project in profile.projects.all()]
    return {
        "$schema": SCHEMA_URL,
        "basics": _clean(
            {
                **{key: getattr(profile, name) for key, name in BASICS_FIELDS.items()},
                "location": _clean({"address": profile.location}),
                "profiles": [{"network": link.label, "url": link.url} for link in profile.links.all()],
            }
        ),
        "work": [
            _clean(
                {
                    "name": item.organisation,
                    "position": item.role,
                    "location": item.location,
                    "startDate": _iso(item.start_date),
                    "endDate": _iso(item.end_date),
                    "summary": item.description,
                }
            )
            for item in profile.experience.all()
        ],
        "volunteer": [],
        "education": [
            _clean(
                {
                    "institution": item.institution,
                    "studyType": item.qualification,
                    "area": item.field_of_study,
                    "startDate": _iso(item.start_date),
                    "endDate": _iso(item.end_date),
                }
            )
            for item in profile.education.all()
        ],
        "awards": [],
        "certificates": [
            _clean({"name": item.name, "issuer": item.issuer, "date": _iso(item.date), "url": item.url})
            for item in profile.certifications.all()
        ],
        "publications": [],
        "skills": exported_skills,
        "languages": languages,
        "interests": [],
        "references": [],
        "projects": projects,
        "meta": {"version": "v1.0.0", "lastModified": profile.updated_at.isoformat()},
    }


def _project(project: Project) -> dict:
    links = list(project.links.all())
    return _clean(
        {
            "name": project.title,
            "description": project.outcome,
            "roles": [project.role],
            "type": str(project.get_community_type_display()),
            "startDate": _iso(project.start_date),
            "endDate": _iso(project.end_date),
            "url": links[0].url if links else "",
            "keywords": [skill.slug for skill in project.skills.all()],
            "x-kelola": _clean(
                {
                    "communityType": project.community_type,
                    "platforms": project.platforms,
                    "situation": project.situation,
                    "actions": project.actions,
                    "outcome": project.outcome,
                    "inResume": project.in_resume,
                    "results": [
                        _clean(
                            {
                                "label": result.label,
                                "before": str(result.before),
                                "after": str(result.after),
                                "unit": result.unit,
                                "period": result.period,
                            }
                        )
                        for result in project.results.all()
                    ],
                    "links": [{"label": link.label, "url": link.url} for link in links],
                }
            ),
        }
    )


# Import


class ResumeError(ValueError):
    """The document cannot be read as a JSON Resume at all."""


# A JSON Resume is five levels deep at most (basics → profiles → [i] → …); a file nested far deeper is not one, and
# reading it would exhaust Python's recursion limit.
MAX_DEPTH = 20


def parse_resume(raw: bytes):
    """The JSON in an uploaded file: UTF-8, with or without the byte-order mark some editors write, without NUL
    characters (which PostgreSQL cannot store in text), nested no deeper than MAX_DEPTH; else ResumeError."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ResumeError(_("This file is not valid JSON.")) from None
    except RecursionError:
        raise ResumeError(_("This file is nested too deeply to be a JSON Resume.")) from None
    return _without_nul(document, depth=0)


def _without_nul(value, *, depth: int):
    if depth > MAX_DEPTH:
        raise ResumeError(_("This file is nested too deeply to be a JSON Resume."))
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item, depth=depth + 1) for item in value]
    if isinstance(value, dict):
        return {key.replace("\x00", ""): _without_nul(item, depth=depth + 1) for key, item in value.items()}
    return value


@dataclass
class ImportPlan:
    basics: dict[str, str] = field(default_factory=dict)  # profile field → value from the document
    links: list[ProfileLink] = field(default_factory=list)
    entries: list = field(
        default_factory=list
    )  # unsaved Experience, Education, … and (Project, results, links)
    not_mapped: list[str] = field(default_factory=list)
    already_there: list[str] = field(
        default_factory=list
    )  # entries the profile has: named, not imported again
    shortened: list[str] = field(default_factory=list)  # text cut to fit its field: where and which

    def fit(self, value, model, name: str, where: str) -> str:
        """`value` as the text of `model`'s field `name`: cut to the field's length, and the plan says so."""
        text = _text(value)
        limit = model._meta.get_field(name).max_length
        if len(text) > limit:
            self.shortened.append(
                _("%(where)s: %(field)s has %(length)d characters; only the first %(limit)d are kept.")
                % {
                    "where": where,
                    "field": model._meta.get_field(name).verbose_name,
                    "length": len(text),
                    "limit": limit,
                }
            )
        return text[:limit].strip()

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for entry in self.entries:
            model = entry[0] if isinstance(entry, tuple) else entry
            name = str(model._meta.verbose_name)
            counted[name] = counted.get(name, 0) + 1
        return counted


def _text(value) -> str:
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _list(entry: dict, key: str, where: str, plan: ImportPlan) -> list:
    """`entry[key]`, which the schema says is a list; anything else is left out, and the plan says so."""
    value = entry.get(key)
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        plan.not_mapped.append(
            _("%(where)s: %(field)s is not a list; left out.") % {"where": where, "field": key}
        )
        return []
    return value


def _where(model, name: str, fallback: str) -> str:
    """Where a problem is: the entry by its kind and name when it has one, else its place in the file."""
    if not name:
        return fallback
    return _("%(kind)s “%(name)s”") % {
        "kind": str(model._meta.verbose_name).capitalize(),
        "name": Truncator(name).chars(60),
    }


def _date(value, where: str, plan: ImportPlan) -> date | None:
    if value in (None, ""):
        return None
    match = ISO_DATE.match(str(value))
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        plan.not_mapped.append(
            _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD); left out.")
            % {"where": where, "value": value}
        )
        return None


def _end_date(value, start: date | None, where: str, plan: ImportPlan) -> date | None:
    end = _date(value, where, plan)
    if end and start and end < start:
        plan.not_mapped.append(
            _("%(where)s: the end date is before the start date; left out.") % {"where": where}
        )
        return None
    return end


def _entries(document: dict, section: str, plan: ImportPlan) -> list[tuple[int, dict]]:
    """The section's entries that are objects, each with its place in the file."""
    entries = document.get(section) or []
    if not isinstance(entries, list):
        plan.not_mapped.append(_("%(section)s: not a list; left out.") % {"section": section})
        return []
    if len(entries) > MAX_ENTRIES:
        plan.not_mapped.append(
            _("%(section)s: only the first %(count)d entries are read.")
            % {"section": section, "count": MAX_ENTRIES}
        )
    read = []
    for index, entry in enumerate(entries[:MAX_ENTRIES]):
        if isinstance(entry, dict):
            read.append((index, entry))
        elif entry is not None:
            plan.not_mapped.append(
                _("%(where)s: not an object; left out.") % {"where": f"{section}[{index}]"}
            )
    return read


FLUENCY_WORDS = {
    Fluency.NATIVE: ("native", "mother", "bilingual", "ibu", "asli"),
    Fluency.FLUENT: ("fluent", "fasih", "c1", "c2"),
    Fluency.PROFESSIONAL: ("professional", "working", "advanced", "b2"),
    Fluency.CONVERSATIONAL: ("conversational", "intermediate", "b1", "percakapan"),
    Fluency.BASIC: ("basic", "beginner", "elementary", "a1", "a2", "dasar"),
}


def _fluency(text: str) -> str:
    lowered = text.lower()
    for fluency, words in FLUENCY_WORDS.items():
        if any(word in lowered for word in words):
            return fluency
    return Fluency.CONVERSATIONAL


def read_resume(document) -> ImportPlan:
    """Check a JSON Resume document and plan the import; raises ResumeError if it is not one at all. A value of the
    wrong type is left out and text too long for its field is cut, and the plan says which."""
    if not isinstance(document, dict):
        raise ResumeError(_("This file is not a JSON Resume: it must hold one JSON object."))
    known = {"$schema", "basics", "meta", *SECTIONS}
    if not known & set(document):
        raise ResumeError(
            _("This file is not a JSON Resume: none of its sections (basics, work, …) is there.")
        )
    plan = ImportPlan()
    basics = document.get("basics") or {}
    if isinstance(basics, dict):
        for key, name in BASICS_FIELDS.items():
            if value := plan.fit(basics.get(key), Profile, name, f"basics.{key}"):
                plan.basics[name] = value
        if "email" in plan.basics:
            try:
                validate_email(plan.basics["email"])
            except ValidationError:
                plan.not_mapped.append(_("basics.email: not an email address; left out."))
                del plan.basics["email"]
        location = basics.get("location") or {}
        if isinstance(location, dict):
            parts = [_text(location.get(key)) for key in ("address", "city", "region", "countryCode")]
            if place := plan.fit(
                ", ".join(part for part in parts if part), Profile, "location", "basics.location"
            ):
                plan.basics["location"] = place
        for index, profile_link in _entries(basics, "profiles", plan):
            where = f"basics.profiles[{index}]"
            url = _text(profile_link.get("url"))
            if (
                url.startswith(("https://", "http://"))
                and len(url) <= ProfileLink._meta.get_field("url").max_length
            ):
                label = plan.fit(profile_link.get("network"), ProfileLink, "label", where)
                plan.links.append(ProfileLink(label=label or url[:60], url=url))
            else:
                plan.not_mapped.append(_("basics.profiles: an entry without a web address; left out."))
        for key in sorted(set(basics) - {*BASICS_FIELDS, "location", "profiles"}):
            plan.not_mapped.append(_("basics.%(field)s: Kelola has no place for it.") % {"field": key})
    for section, role_key, organisation_key in (
        ("work", "position", "name"),
        ("volunteer", "position", "organization"),
    ):
        for index, entry in _entries(document, section, plan):
            role, organisation = _text(entry.get(role_key)), _text(entry.get(organisation_key))
            where = _where(Experience, ", ".join(filter(None, [role, organisation])), f"{section}[{index}]")
            start = _date(entry.get("startDate"), where, plan)
            if not (start and role and organisation):
                plan.not_mapped.append(
                    _("%(where)s: needs a position, an organisation and a start date; left out.")
                    % {"where": where}
                )
                continue
            highlights = [
                _text(item) for item in _list(entry, "highlights", where, plan) if isinstance(item, str)
            ]
            summary = "\n".join(filter(None, [_text(entry.get("summary")), *highlights]))
            if section == "volunteer":
                role = _("%(role)s (volunteer)") % {"role": role}
            plan.entries.append(
                Experience(
                    role=plan.fit(role, Experience, "role", where),
                    organisation=plan.fit(organisation, Experience, "organisation", where),
                    location=plan.fit(entry.get("location"), Experience, "location", where),
                    start_date=start,
                    end_date=_end_date(entry.get("endDate"), start, where, plan),
                    description=plan.fit(summary, Experience, "description", where),
                )
            )
    for index, entry in _entries(document, "education", plan):
        institution = _text(entry.get("institution"))
        where = _where(Education, institution, f"education[{index}]")
        if not institution:
            plan.not_mapped.append(_("%(where)s: no institution; left out.") % {"where": where})
            continue
        plan.entries.append(
            Education(
                institution=plan.fit(institution, Education, "institution", where),
                qualification=plan.fit(entry.get("studyType"), Education, "qualification", where) or "—",
                field_of_study=plan.fit(entry.get("area"), Education, "field_of_study", where),
                start_date=_date(entry.get("startDate"), where, plan),
                end_date=_date(entry.get("endDate"), where, plan),
            )
        )
    for index, entry in _entries(document, "certificates", plan):
        name = _text(entry.get("name"))
        where = _where(Certification, name, f"certificates[{index}]")
        if not name:
            plan.not_mapped.append(_("%(where)s: no name; left out.") % {"where": where})
            continue
        url = _text(entry.get("url"))
        plan.entries.append(
            Certification(
                name=plan.fit(name, Certification, "name", where),
                issuer=plan.fit(entry.get("issuer"), Certification, "issuer", where) or "—",
                date=_date(entry.get("date"), where, plan),
                url=plan.fit(url, Certification, "url", where)
                if url.startswith(("https://", "http://"))
                else "",
            )
        )
    for index, entry in _entries(document, "languages", plan):
        where = f"languages[{index}]"
        if language := plan.fit(entry.get("language"), SpokenLanguage, "language", where):
            plan.entries.append(
                SpokenLanguage(language=language, fluency=_fluency(_text(entry.get("fluency"))))
            )
        else:
            plan.not_mapped.append(_("%(where)s: no language; left out.") % {"where": where})
    for index, entry in _entries(document, "projects", plan):
        _plan_project(entry, f"projects[{index}]", plan)
    for section in ("awards", "publications", "interests", "references"):
        if count := len(_entries(document, section, plan)):
            plan.not_mapped.append(
                ngettext(
                    "%(section)s: %(count)d entry; Kelola has no place for it.",
                    "%(section)s: %(count)d entries; Kelola has no place for them.",
                    count,
                )
                % {"section": section, "count": count}
            )
    if _entries(document, "skills", plan):
        plan.not_mapped.append(
            _("skills: Kelola works out skill levels from evidence, so listed skills are not imported.")
        )
    return plan


def _plan_project(entry: dict, where: str, plan: ImportPlan) -> None:
    extra = entry.get("x-kelola") if isinstance(entry.get("x-kelola"), dict) else {}
    title = _text(entry.get("name"))
    where = _where(Project, title, where)
    start = _date(entry.get("startDate"), where, plan)
    if not (title and start):
        plan.not_mapped.append(_("%(where)s: needs a name and a start date; left out.") % {"where": where})
        return
    description = _text(entry.get("description"))
    highlights = "\n".join(
        _text(item) for item in _list(entry, "highlights", where, plan) if isinstance(item, str)
    )
    roles = [_text(role) for role in _list(entry, "roles", where, plan) if isinstance(role, str)]
    community_type = extra.get("communityType")
    project = Project(
        title=plan.fit(title, Project, "title", where),
        community_type=community_type if community_type in CommunityType.values else CommunityType.OTHER,
        platforms=plan.fit(extra.get("platforms"), Project, "platforms", where),
        role=plan.fit(", ".join(filter(None, roles)), Project, "role", where) or "—",
        start_date=start,
        end_date=_end_date(entry.get("endDate"), start, where, plan),
        situation=plan.fit(_text(extra.get("situation")) or description, Project, "situation", where) or "—",
        actions=plan.fit(_text(extra.get("actions")) or highlights or description, Project, "actions", where)
        or "—",
        outcome=plan.fit(_text(extra.get("outcome")) or description, Project, "outcome", where) or "—",
        in_resume=extra.get("inResume") is not False,
    )
    results = []
    for result in _list(extra, "results", where, plan):
        try:
            results.append(
                ProjectResult(
                    label=plan.fit(result["label"], ProjectResult, "label", where),
                    before=Decimal(str(result["before"])),
                    after=Decimal(str(result["after"])),
                    unit=plan.fit(result.get("unit"), ProjectResult, "unit", where),
                    period=plan.fit(result.get("period"), ProjectResult, "period", where),
                )
            )
        except (KeyError, TypeError, AttributeError, InvalidOperation):  # not an object, or a part missing
            plan.not_mapped.append(
                _("%(where)s: a result without label, before and after numbers; left out.") % {"where": where}
            )
    links = [
        ProjectLink(
            label=plan.fit(link.get("label"), ProjectLink, "label", where) or "Link", url=_text(link["url"])
        )
        for link in _list(extra, "links", where, plan)
        if isinstance(link, dict) and _web_address(link.get("url"))
    ]
    if not links and _web_address(entry.get("url")):
        links = [ProjectLink(label=Truncator(title).chars(60), url=_text(entry.get("url")))]
    plan.entries.append((project, results, links))


def _web_address(value) -> bool:
    """An http(s) address that fits a link's field; anything else is no link."""
    text = _text(value)
    return (
        text.startswith(("https://", "http://"))
        and len(text) <= ProjectLink._meta.get_field("url").max_length
    )


def _normal(*parts) -> tuple:
    """A natural key compared without regard to case, spacing or surrounding whitespace."""
    return tuple(" ".join(str(part or "").split()).casefold() for part in parts)


NATURAL_KEYS = {
    Project: lambda item: _normal(item.title, item.start_date),
    Experience: lambda item: _normal(item.role, item.organisation, item.start_date),
    Education: lambda item: _normal(item.institution, item.qualification),
    Certification: lambda item: _normal(item.name, item.issuer),
    SpokenLanguage: lambda item: _normal(item.language),
    ProfileLink: lambda item: _normal(item.url),
}


def entry_name(item) -> str:
    """How an entry is named to the learner: its kind and its own name (“Community project 'Miss Direction'”)."""
    return _where(type(item), str(item), str(item))


def leave_out_existing(profile: Profile, plan: ImportPlan) -> None:
    """Drop from the plan the entries the profile already has, so importing one's own export again doubles
    nothing; they are listed in `plan.already_there`."""
    existing = {
        (model, key(item))
        for model, key in NATURAL_KEYS.items()
        for item in model.objects.filter(profile=profile)
    }

    def is_new(item) -> bool:
        mark = (type(item), NATURAL_KEYS[type(item)](item))
        if mark in existing:
            plan.already_there.append(entry_name(item))
            return False
        existing.add(mark)  # the same entry twice in one file is imported once
        return True

    plan.links = [link for link in plan.links if is_new(link)]
    plan.entries = [
        entry for entry in plan.entries if is_new(entry[0] if isinstance(entry, tuple) else entry)
    ]


def _checked(item, **kwargs) -> None:
    """full_clean, with the problem named after the entry rather than a field path."""
    try:
        item.full_clean(**kwargs)
    except ValidationError as error:
        raise ValidationError([f"{entry_name(item)}: {message}" for message in error.messages]) from None


@transaction.atomic
def apply_plan(profile: Profile, plan: ImportPlan, *, overwrite: set[str]) -> None:
    """Add every planned entry; set profile fields that are empty, and those in `overwrite`."""
    for name, value in plan.basics.items():
        if not getattr(profile, name) or name in overwrite:
            setattr(profile, name, value)
    profile.full_clean(exclude=["photo"])
    profile.save()
    order = profile.projects.count()
    for link in plan.links:
        link.profile = profile
        _checked(link)
        link.save()
    for entry in plan.entries:
        if isinstance(entry, tuple):
            project, results, links = entry
            order += 1
            project.profile, project.sort_order = profile, order
            _checked(project, exclude=["skills"])
            project.save()
            for child in (*results, *links):
                child.project = project
                try:
                    child.full_clean()
                except ValidationError as error:
                    raise ValidationError(
                        [f"{entry_name(project)}: {message}" for message in error.messages]
                    ) from None
                child.save()
        else:
            entry.profile = profile
            _checked(entry)
            entry.save()
    people_changed([profile.user_id])
