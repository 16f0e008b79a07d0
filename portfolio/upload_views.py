"""Learners' pictures, served only to whoever may see them now: a portfolio's readers (its owner, the mentors it is
shared with: portfolio/rules.py), anyone holding the public link while the portfolio is shared by it, and for a
project's pictures whoever a feature shows the project to (a mentor reviewing it). Making a portfolio private,
ending a mentorship, changing the link or deleting a project revokes them with the next request.

Addressed by the record's id (or the public link), never by the storage path; the file is streamed from storage,
local or the S3 bucket alike, so these headers hold everywhere (docs/deployment.md: the proxy serves no uploads)."""

from pathlib import PurePath

from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.downloads import image_content_type, private_file

from .models import Profile, ProjectImage
from .portfolios import shared_profile


def _picture(field_file, *, name: str):
    if not field_file:
        raise Http404
    try:
        file = field_file.open("rb")
    except FileNotFoundError:  # a row whose file is gone (a restored database): as if there were no picture
        raise Http404 from None
    content_type = image_content_type(file)
    if content_type is None:
        file.close()
        raise Http404
    return private_file(
        file,
        filename=f"{name}{PurePath(field_file.name).suffix}",
        content_type=content_type,
        attachment=False,
    )


def profile_photo(request, profile_id: int):
    profile = Profile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not request.user.has_perm("portfolio.read_profile", profile):
        raise Http404
    return _picture(profile.photo, name="photo")


def project_image(request, image_id: int):
    picture = get_object_or_404(ProjectImage.objects.select_related("project__profile__user"), pk=image_id)
    if not request.user.has_perm("portfolio.read_projectimage", picture):
        raise Http404
    return _picture(picture.image, name=f"image-{picture.pk}")


def shared_photo(request, token: str):
    profile = shared_profile(token)
    if profile is None:
        raise Http404
    return _picture(profile.photo, name="photo")


def shared_project_image(request, token: str, image_id: int):
    profile = shared_profile(token)
    picture = ProjectImage.objects.filter(pk=image_id, project__profile=profile).first() if profile else None
    if picture is None:
        raise Http404
    return _picture(picture.image, name=f"image-{picture.pk}")
