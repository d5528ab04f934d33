"""PageCacheMiddleware: serve reader pages from the shared cache, keep them, and stay up.

Which pages: a GET or HEAD whose view declared the page's tags (`request.cache_tags`,
see pagecache.tags.show) and whose response is public: status 200, no cookie
set, no `Cache-Control: private`/`no-store`. Requests carrying one of
PAGECACHE_BYPASS_COOKIES (a session, a reader's own pending comments) are
rendered for that browser and marked private.

Place it after WhiteNoise and before every middleware that may set cookies,
Vary or Cache-Control (sessions, locale, comments' PrivateOwnCommentsMiddleware),
so it sees what they decided.
"""

import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.cache import patch_cache_control

from . import outage, pages, schedule, store
from .purging import SITE

NO_SHARED_CACHE = ("private", "no-store", "no-cache")


def enabled():
    return getattr(settings, "PAGECACHE_ENABLED", True)


def bypasses(request):
    if request.method not in ("GET", "HEAD"):
        return True
    cookies = getattr(settings, "PAGECACHE_BYPASS_COOKIES", [settings.SESSION_COOKIE_NAME])
    return any(request.COOKIES.get(name) for name in cookies)


def page_url(request):
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def is_public(response):
    control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in NO_SHARED_CACHE)
    )


def cached_entry(request, url):
    """The kept page in the best encoding this request takes (a plain body if none is kept)."""
    wanted = pages.accepted_encodings(request)
    for encoding in wanted[:1] + (["identity"] if wanted[0] != "identity" else []):
        entry = store.get_page(url, encoding)
        if entry is not None:
            return entry
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():  # PAGE_CACHE=0: pages as Django renders them
            return self.get_response(request)
        if bypasses(request):
            return self.private(request, self.get_response(request))
        started = time.time()
        url = page_url(request)
        entry = cached_entry(request, url)
        if entry is not None:
            if schedule.is_fresh(entry, started):
                return pages.serve(request, entry, "HIT")
            if outage.recently_down():
                return pages.serve(request, entry, "STALE")
            request._pagecache_stale = entry
        response = self.get_response(request)
        tags = getattr(request, "cache_tags", None)
        if getattr(response, "_pagecache_served", False) or tags is None or not is_public(response):
            return response
        entry = pages.make_entry(response, {SITE, *tags}, started, schedule.fresh_until(started))
        if request.method == "GET":
            kept = schedule.kept_seconds(entry, started)
            store.put_pages(url, pages.split_by_encoding(entry), kept)
        return pages.serve(request, entry, "MISS")

    def private(self, request, response):
        """A reader page rendered for one browser: never kept by a shared cache."""
        if getattr(request, "cache_tags", None) is not None and request.method in ("GET", "HEAD"):
            patch_cache_control(response, private=True)
        return response

    def process_exception(self, request, exception):
        """Database down or stalled: the last copy of the page if we have one, else a 503."""
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        outage.note(exception)
        stale = getattr(request, "_pagecache_stale", None)
        if stale is not None:
            return pages.serve(request, stale, "STALE")
        return outage.unavailable(request)
