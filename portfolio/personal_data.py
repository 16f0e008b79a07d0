"""The portfolio's part of what Kelola holds about a person (cms/personal_data.py): the profile with its background,
the projects with their results, links and pictures, the résumé exports and their PDFs. All of it goes with the
account; the files leave storage once the deletion commits (portfolio/files.py)."""

from pathlib import PurePath

from cms.personal_data import PersonalData, fields_of

from .models import ExportStatus, Profile, Project, ResumeExport
from .resume import forget_resume_photo

# Where each upload goes in the download, which the JSON names.


def _photo_path(profile: Profile) -> str:
    return f"uploads/photo{PurePath(profile.photo.name).suffix}"


def _picture_path(picture) -> str:
    return f"uploads/projects/{picture.pk}{PurePath(picture.image.name).suffix}"


def _pdf_path(export: ResumeExport) -> str:
    return f"uploads/resumes/{export.pk}-{export.filename}"


def portfolio_uploads(user) -> list[tuple[str, object]]:
    """The person's photo, project pictures and ready résumé PDFs, under the paths portfolio_data names."""
    profile = Profile.objects.filter(user=user).first()
    files = []
    if profile and profile.photo:
        files.append((_photo_path(profile), profile.photo))
    for project in Project.objects.filter(profile__user=user).prefetch_related("images"):
        files += [(_picture_path(picture), picture.image) for picture in project.images.all()]
    for export in ResumeExport.objects.filter(user=user, status=ExportStatus.READY).defer("html"):
        if export.pdf:
            files.append((_pdf_path(export), export.pdf))
    return files


def portfolio_data(user) -> dict:
    """The profile with its background, the projects with their results, links and pictures, and the résumé
    exports; each file by its path in the download."""
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related(
            "links",
            "experience",
            "education",
            "certifications",
            "languages",
            "projects__results",
            "projects__links",
            "projects__images",
            "projects__skills",
        )
        .first()
    )
    exports = [
        {
            **fields_of(export, leave_out=("html", "pdf", "task_id", "digest")),
            "file": _pdf_path(export) if export.pdf else None,
        }
        for export in ResumeExport.objects.filter(user=user).defer("html")
    ]
    if profile is None:
        return {"profile": None, "projects": [], "resume_exports": exports}
    background = ("links", "experience", "education", "certifications", "languages")
    return {
        "profile": {
            **fields_of(profile, leave_out=("photo",)),
            "photo": _photo_path(profile) if profile.photo else None,
            **{name: [fields_of(item) for item in getattr(profile, name).all()] for name in background},
        },
        "projects": [
            {
                **fields_of(project),
                "skills": [skill.slug for skill in project.skills.all()],
                "results": [fields_of(result) for result in project.results.all()],
                "links": [fields_of(link) for link in project.links.all()],
                "images": [
                    {
                        **fields_of(picture, leave_out=("image",)),
                        "file": _picture_path(picture),
                    }
                    for picture in project.images.all()
                ],
            }
            for project in profile.projects.all()
        ],
        "resume_exports": exports,
    }


def forget_cached_copies(user) -> None:
    """The rows and files go with the account; the résumé's copy of the photo is in the cache, so it goes now."""
    if profile := Profile.objects.filter(user=user).first():
        forget_resume_photo(profile)


PORTFOLIO_DATA = PersonalData(
    "portfolio",
    ("portfolio.Profile", "portfolio.ResumeExport"),
    portfolio_data,
    uploads=portfolio_uploads,
    erase=forget_cached_copies,
)
