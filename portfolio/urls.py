from django.urls import path

from . import upload_views, views

app_name = "portfolio"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("preview/", views.preview, name="preview"),
    path("profile/", views.edit_profile, name="edit_profile"),
    path("background/", views.edit_background, name="edit_background"),
    path("projects/new/", views.edit_project, name="add_project"),
    path("projects/<id:project_id>/", views.edit_project, name="edit_project"),
    path("projects/<id:project_id>/delete/", views.remove_project, name="delete_project"),
    path("projects/<id:project_id>/move/", views.reorder_project, name="move_project"),
    path("sharing/", views.sharing, name="sharing"),
    path("resume/", views.resume, name="resume"),
    path("resume/preview/", views.resume_preview, name="resume_preview"),
    path("resume/export/", views.resume_export, name="resume_pdf"),
    path("resume/exports/<id:export_id>/", views.resume_export_status, name="resume_export"),
    path("resume/exports/<id:export_id>/file/", views.resume_export_file, name="resume_export_file"),
    path("resume.json", views.export_json_resume, name="export_json"),
    path("import/", views.import_json_resume, name="import"),
    path("import/confirm/", views.confirm_json_resume_import, name="confirm_import"),
    path("learners/<id:learner_id>/", views.learner_portfolio, name="learner_portfolio"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("photos/<id:profile_id>/", upload_views.profile_photo, name="photo"),
    path("images/<id:image_id>/", upload_views.project_image, name="project_image"),
    path("shared/<str:token>/photo/", upload_views.shared_photo, name="shared_photo"),
    path(
        "shared/<str:token>/images/<id:image_id>/",
        upload_views.shared_project_image,
        name="shared_project_image",
    ),
]
