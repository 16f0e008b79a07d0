"""Counting the queries a page makes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.cache_versions import content_changed


def page_queries(client, url: str, *, fresh: bool = False) -> int:
    """The queries of a GET of `url` once the caches it fills are warm. With `fresh`, of a render from scratch, as
    after an editor publishes: cached pages and per-person fragments dropped by a content change."""
    assert client.get(url).status_code == 200
    if fresh:
        content_changed()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
