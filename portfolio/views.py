from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from cms.accounts.rules import is_owner
from cms.downloads import private_file
from cms.rate_limits import rate_limit_wait
from learning.tracker import skills_tracker

from .forms import (
    BACKGROUND_FORMSETS,
    ProfileForm,
    ProfileLinkFormSet,
    ProjectForm,
    ProjectImageFormSet,
    ProjectLinkFormSet,
    ProjectResultFormSet,
    ResumeOptionsForm,
    ResumeUploadForm,
    SharingForm,
)
from .json_resume import apply_plan, export_resume, leave_out_existing, read_resume
from .models import ExportStatus, Profile, Project, ResumeExport, Visibility
from .portfolios import (
    OWNER_PAGE_PARTS,
    contact_line,
    delete_project,
    displayed_projects,
    move_project,
    next_sort_order,
    profile_of,
    profile_to_edit,
    regenerate_link,
    save_background,
    save_profile,
    save_project,
    saved_profile_of,
    set_visibility,
    shared_profile,
)
from .resume import fail_if_abandoned, request_export, resume_html, retry_export, waits_for_a_worker


@login_required
def portfolio(request):
    """The learner's portfolio at a glance: profile, projects in their order, and who can see it. Before anything is
    saved, a page that says where to start (reading it stores nothing)."""
    profile = saved_profile_of(request.user)
    if profile is None:
        return render(request, "portfolio/portfolio_start.html")
    projects = displayed_projects(profile.projects.all())
    parts = list(OWNER_PAGE_PARTS)
    return render(
        request,
        "portfolio/portfolio.html",
        {
            **{key: value for part in parts for key, value in part.prepare(request.user, projects).items()},
            "parts": parts,
            "profile": profile,
            "projects": projects,
            "sharing_form": SharingForm(initial={"visibility": profile.visibility}),
            "public_url": (
                request.build_absolute_uri(_public_path(profile))
                if profile.visibility == Visibility.PUBLIC
                else ""
            ),
        },
    )


def _saved_profile_or_start(view):
    """For a page that shows the portfolio: the stored profile as `profile`; without one, the portfolio's start."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = saved_profile_of(request.user)
        if profile is None:
            return redirect("portfolio:portfolio")
        return view(request, profile, *args, **kwargs)

    return wrapper


def _for_change(request) -> Profile:
    """The profile a form edits: stored by a POST (the change), never by a GET."""
    return profile_of(request.user) if request.method == "POST" else profile_to_edit(request.user)


def _public_path(profile: Profile) -> str:
    return reverse("portfolio:shared", args=[profile.public_token])


@login_required
def edit_profile(request):
    profile = _for_change(request)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    links = ProfileLinkFormSet(request.POST or None, instance=profile, prefix="links")
    if request.method == "POST" and form.is_valid() and links.is_valid():
        save_profile(form=form, links=links)
        messages.success(request, _("Your profile is saved."))
        return redirect("portfolio:portfolio")
    return render(request, "portfolio/profile_form.html", {"form": form, "links": links})


BACKGROUND_LEGENDS = {
    "experience": _lazy("Experience"),
    "education": _lazy("Education"),
    "certifications": _lazy("Certifications"),
    "languages": _lazy("Languages"),
}


@login_required
def edit_background(request):
    """Experience, education, certifications and languages: one page, saved together or not at all."""
    profile = _for_change(request)
    formsets = {
        name: formset_class(request.POST or None, instance=profile, prefix=name)
        for name, formset_class in BACKGROUND_FORMSETS.items()
    }
    if request.method == "POST" and all(formset.is_valid() for formset in formsets.values()):
        save_background(profile, formsets=formsets.values())
        messages.success(request, _("Your background is saved."))
        return redirect("portfolio:portfolio")
    return render(
        request,
        "portfolio/background_form.html",
        {
            "sections": [(formsets[name], legend) for name, legend in BACKGROUND_LEGENDS.items()],
            "has_errors": any(formset.total_error_count() for formset in formsets.values()),
        },
    )


def _own_project(request, project_id: int) -> Project:
    """The person's own project; someone else's is a 404, as if it did not exist."""
    project = get_object_or_404(Project.objects.select_related("profile__user"), pk=project_id)
    if not request.user.has_perm("portfolio.edit_project", project):
        raise Http404
    return project


@login_required
def edit_project(request, project_id: int | None = None):
    profile = _for_change(request)
    project = _own_project(request, project_id) if project_id else Project(profile=profile)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ProjectForm(data, instance=project)
    formsets = [
        ProjectResultFormSet(data, instance=project, prefix="results"),
        ProjectLinkFormSet(data, instance=project, prefix="links"),
        ProjectImageFormSet(data, files, instance=project, prefix="images"),
    ]
    if request.method == "POST" and form.is_valid() and all(formset.is_valid() for formset in formsets):
        if project.pk is None:
            project.sort_order = next_sort_order(profile)
        save_project(form=form, formsets=formsets)
        messages.success(request, _("“%(title)s” is saved.") % {"title": project.title})
        return redirect("portfolio:portfolio")
    results, links, images = formsets
    return render(
        request,
        "portfolio/project_form.html",
        {"form": form, "results": results, "links": links, "images": images, "project": project},
    )


@login_required
def remove_project(request, project_id: int):
    project = _own_project(request, project_id)
    if request.method == "POST":
        delete_project(project)
        messages.info(request, _("“%(title)s” is deleted.") % {"title": project.title})
        return redirect("portfolio:portfolio")
    return render(request, "portfolio/project_confirm_delete.html", {"project": project})


@require_POST
@login_required
def reorder_project(request, project_id: int):
    project = _own_project(request, project_id)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest(_("Unknown direction."))
    move_project(project, up=direction == "up")
    return redirect("portfolio:portfolio")


@require_POST
@login_required
def sharing(request):
    profile = profile_of(request.user)
    if request.POST.get("action") == "regenerate":
        regenerate_link(profile)
        messages.success(request, _("Your portfolio has a new link; the old one no longer works."))
        return redirect("portfolio:portfolio")
    form = SharingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who can see your portfolio."))
        return redirect("portfolio:portfolio")
    set_visibility(profile, Visibility(form.cleaned_data["visibility"]))
    messages.success(request, _("Sharing updated: %(who)s.") % {"who": profile.get_visibility_display()})
    return redirect("portfolio:portfolio")


def _show(request, profile: Profile, *, audience: str, share_token: str = ""):
    return render(
        request,
        "portfolio/portfolio_page.html",
        {
            "profile": profile,
            "contact": contact_line(profile),
            "projects": displayed_projects(profile.projects.all()),
            "audience": audience,
            # The public page names its pictures through the link (templatetags: photo_url, project_image_url).
            "share_token": share_token,
        },
    )


@never_cache  # kept by no cache: a new link or private portfolio ends it at once
def shared(request, token: str):
    """The public page, for anyone holding the link while it is shared."""
    profile = shared_profile(token)
    if profile is None:
        raise Http404
    response = _show(request, profile, audience="public", share_token=token)
    # Shared by link, not published: search engines keep out (and the default same-origin referrer policy keeps
    # the link out of other sites' logs).
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@_saved_profile_or_start
def preview(request, profile: Profile):
    """The learner's own portfolio exactly as a mentor or the public sees it, without the owner's controls."""
    return _show(request, profile, audience="preview")


@login_required
def learner_portfolio(request, learner_id: int):
    """A learner's portfolio for their mentor (read-only), when shared with mentors; otherwise 404."""
    profile = Profile.objects.select_related("user").filter(user_id=learner_id).first()
    if profile is None or not request.user.has_perm("portfolio.read_profile", profile):
        raise Http404
    if is_owner.test(request.user, profile):
        return redirect("portfolio:portfolio")
    return _show(request, profile, audience="mentor")


IMPORT_SESSION_KEY = "portfolio_json_resume_import"


@never_cache  # a personal file: kept by no cache, whoever's session asked for it
@login_required
@_saved_profile_or_start
def export_json_resume(request, profile: Profile):
    document = export_resume(profile, skills=skills_tracker(request.user).skills)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="resume.json"'
    return response


@login_required
def import_json_resume(request):
    """Step 1: upload a JSON Resume file; it is checked and kept in the session until the learner confirms."""
    form = ResumeUploadForm(request.POST or None, request.FILES or None)
    wait = rate_limit_wait(request, action="json_resume_import") if request.method == "POST" else ""
    if wait:
        form.add_error(None, wait)
    elif request.method == "POST" and form.is_valid():
        profile_of(request.user)  # stored now, so that the next step only reads it
        request.session[IMPORT_SESSION_KEY] = form.cleaned_data["file"]
        return redirect("portfolio:confirm_import")
    return render(request, "portfolio/import_form.html", {"form": form}, status=429 if wait else 200)


@login_required
def confirm_json_resume_import(request):
    """Step 2: what the import adds and changes; profile fields that already have a value change only if ticked."""
    document = request.session.get(IMPORT_SESSION_KEY)
    profile = saved_profile_of(request.user)
    if document is None or profile is None:
        return redirect("portfolio:import")
    plan = read_resume(document)
    leave_out_existing(profile, plan)
    fills = [
        (Profile._meta.get_field(name).verbose_name, value)
        for name, value in plan.basics.items()
        if not getattr(profile, name)
    ]
    conflicts = [
        (name, Profile._meta.get_field(name).verbose_name, getattr(profile, name), value)
        for name, value in plan.basics.items()
        if getattr(profile, name) and getattr(profile, name) != value
    ]
    if request.method == "POST":
        chosen = {name for name in request.POST.getlist("overwrite") if name in plan.basics}
        try:
            apply_plan(profile, plan, overwrite=chosen)
        except ValidationError as error:
            messages.error(
                request, _("Nothing was imported: %(problem)s") % {"problem": "; ".join(error.messages)}
            )
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, _("Your JSON Resume is imported."))
            return redirect("portfolio:portfolio")
    return render(
        request, "portfolio/import_confirm.html", {"plan": plan, "fills": fills, "conflicts": conflicts}
    )


def _resume_options(data) -> ResumeOptionsForm:
    return ResumeOptionsForm(data, language=get_language())


@login_required
def resume(request):
    """Choose a design, paper and language; see the preview; download the PDF. The options are sent by POST, with
    the download's CSRF token, and come back as the query string of this page and its preview."""
    form = _resume_options(request.POST if request.method == "POST" else request.GET)
    if request.method == "POST" and form.is_valid():
        return redirect(f"{reverse('portfolio:resume')}?{form.query()}")
    profile = saved_profile_of(request.user)
    if profile is None:
        return redirect("portfolio:portfolio")
    return render(
        request,
        "portfolio/resume_page.html",
        {
            "form": form,
            # Unbound until the learner chooses: the defaults, and no query to pass on.
            "query": form.query() if form.is_valid() else "",
            "profile": profile,
            "left_out": profile.projects.filter(in_resume=False).count(),
        },
    )


@xframe_options_sameorigin  # shown in a frame on the résumé page
@login_required
@_saved_profile_or_start
def resume_preview(request, profile: Profile):
    form = _resume_options(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("Unknown résumé options."))
    return HttpResponse(resume_html(profile, form.options()))


@require_POST
@login_required
def resume_export(request):
    """Ask for the PDF with the options as they are in the form, whether or not the preview shows them yet; it is
    made in the background."""
    form = _resume_options(request.POST)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("Unknown résumé options."))
    if wait := rate_limit_wait(request, action="resume_export"):
        messages.error(request, wait)
        return redirect(f"{reverse('portfolio:resume')}?{form.query()}")
    export = request_export(profile_of(request.user), form.options())
    return redirect("portfolio:resume_export", export.pk)


def _own_export(request, export_id: int, **filters) -> ResumeExport:
    """The person's own export; someone else's is a 404, as if it did not exist."""
    export = get_object_or_404(ResumeExport.objects.defer("html"), pk=export_id, **filters)
    if not request.user.has_perm("portfolio.read_resumeexport", export):
        raise Http404
    return export


@login_required
def resume_export_status(request, export_id: int):
    """Ready: the download starts. Being prepared: this page looks again every few seconds (less often, saying so,
    when no worker has picked it up for a minute). Failed: why, and a button to try again."""
    export = _own_export(request, export_id)
    if fail_if_abandoned(export):
        export.refresh_from_db()
    if export.status == ExportStatus.READY:
        return redirect("portfolio:resume_export_file", export.pk)
    if request.method == "POST" and request.user.has_perm("portfolio.retry_resumeexport", export):
        retry_export(export)
        return redirect("portfolio:resume_export", export.pk)
    context = {"export": export, "options": export.options, "no_worker": waits_for_a_worker(export)}
    return render(request, "portfolio/resume_export.html", context)


@login_required
def resume_export_file(request, export_id: int):
    export = _own_export(request, export_id, status=ExportStatus.READY)
    return private_file(
        export.pdf.open("rb"), filename=export.filename, content_type="application/pdf", attachment=True
    )
