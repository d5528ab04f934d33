"""Where cached pages and purge times live: the shared Django cache, guarded.

A page entry is fresh while its time has not run out and none of its tags was
purged after the page started rendering. Purging a tag writes the time of the
purge; nothing is deleted, so a purged page stays at hand as a stale copy for
readers while the database is down (stale-if-error).

Every call goes through `guarded()`: a cache that errors or stalls (Redis
frozen: each call gives up after its socket timeout) is skipped for
BREAKER_SECONDS, so readers pay the timeout once, not on every request.
"""

import hashlib
import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger("pagecache")

BREAKER_SECONDS = 5
# While the shared cache is failing, pages are kept this long in the process's own
# memory, so readers are not all sent to the database. Purges made in other
# processes meanwhile cannot reach these copies: they are kept short.
FALLBACK_SECONDS = 10
PREFIX = "pagecache"
_skip_until = 0.0
_fallback = LocMemCache("pagecache-fallback", {"TIMEOUT": FALLBACK_SECONDS, "OPTIONS": {"MAX_ENTRIES": 500}})
# Purges that could not reach the shared cache, written there once it answers again.
_pending_purges = {}


def failing():
    return time.monotonic() < _skip_until


def shared():
    from django.conf import settings

    return caches[getattr(settings, "PAGECACHE_CACHE", "default")]


def backend():
    return _fallback if failing() else shared()


def guarded(call):
    """call() against the shared cache; while it fails (and for a while after), the fallback."""
    global _skip_until
    if failing():
        return call()
    try:
        if _pending_purges:
            shared().set_many(dict(_pending_purges), timeout=None)
            _pending_purges.clear()
        return call()
    except Exception as error:  # any client error: connection, timeout, protocol
        _skip_until = time.monotonic() + BREAKER_SECONDS
        logger.warning("The page cache is unavailable (%s); serving from the database.", error)
        return call()


def reset_breaker():
    global _skip_until
    _skip_until = 0.0
    _pending_purges.clear()
    _fallback.clear()


def page_key(url):
    return f"{PREFIX}:page:{hashlib.sha256(url.encode()).hexdigest()}"


def tag_key(tag):
    return f"{PREFIX}:tag:{tag}"


def get_page(url):
    return guarded(lambda: backend().get(page_key(url)))


def put_page(url, entry, timeout):
    guarded(
        lambda: backend().set(
            page_key(url), entry, min(timeout, FALLBACK_SECONDS) if failing() else timeout
        )
    )


def purge_times(tags):
    """The last purge time of each tag (0 when never purged)."""
    keys = {tag_key(tag): tag for tag in tags}
    found = guarded(lambda: backend().get_many(list(keys)))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def mark_purged(tags, when):
    # No expiry: a purge time that vanished would make purged pages look fresh.
    times = {tag_key(tag): when for tag in tags}
    guarded(lambda: backend().set_many(times, timeout=None))
    if failing():  # reached only the fallback: the shared cache gets it when it is back
        _pending_purges.update(times)


def get_value(name):
    return guarded(lambda: backend().get(f"{PREFIX}:{name}"))


def put_value(name, value, timeout):
    guarded(lambda: backend().set(f"{PREFIX}:{name}", value, timeout))
