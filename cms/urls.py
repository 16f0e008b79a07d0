from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts.language import set_language
from cms.health import health
from cms.views import notifications

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("health/", health, name="health"),
]

# Every page lives under /en/ or /id/; "/" redirects to the visitor's language (cookie, then browser).
urlpatterns += i18n_patterns(
    path("accounts/", include("cms.accounts.urls")),
    path("learn/", include("learning.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("", include("learning.site_urls")),
    path("", include("mentoring.urls")),
    path("notifications/", notifications, name="notifications"),
    # Where the list was before notifications moved to the ground floor: kept for links already followed.
    path("portfolio/notifications/", RedirectView.as_view(pattern_name="notifications", permanent=True)),
    path("", include(wagtail_urls)),
)

handler500 = "cms.errors.server_error"

# Folders of MEDIA_ROOT anyone may read (docs/deployment.md has the proxy serve these and no other).
PUBLIC_MEDIA_FOLDERS = ("original_images", "images", "avatar_images")

if settings.DEBUG:
    # Only the editors' public content (Wagtail's images, their renditions, admin avatars); learners' uploads and
    # résumé PDFs are served by views that check who asks (portfolio/upload_views.py), never from /media/.
    for folder in PUBLIC_MEDIA_FOLDERS:
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

if "debug_toolbar" in settings.INSTALLED_APPS:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()
