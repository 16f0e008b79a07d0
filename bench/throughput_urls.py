"""URLs for bench/throughput.py: the site's own, plus /bare/, a Django view returning a fixed string.

/bare/ goes through the same middleware as every page, so the ratio to it measures what a page adds.
"""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("Kelola", content_type="text/plain")


urlpatterns = [path("bare/", bare), *site_urlpatterns]
