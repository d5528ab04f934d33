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
import threading
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
_fallback = LocMemCache(
    "pagecache-fallback", {"TIMEOUT": FALLBACK_SECONDS, "OPTIONS": {"MAX_ENTRIES": 500}}
)
_probe = threading.Lock()
# Purges that could not reach the shared cache, written there once it answers again.
_pending_purges = {}


def failing():
    return time.monotonic() < _skip_until


def shared():
    from django.conf import settings

    return caches[getattr(settings, "PAGECACHE_CACHE", "default")]


def guarded(call, when_down=None):
    """call(cache) with the shared cache; while it fails (and for a while after), the fallback.

    The fallback is call() with this process's own memory, or when_down() when
    given (what a caller does without the shared cache at all). When the pause
    is over, one thread at a time tries the shared cache again; the others keep
    to the fallback instead of all waiting on a timeout.
    """
    global _skip_until

    def fallback():
        return when_down() if when_down else call(_fallback)

    if failing():
        return fallback()
    probing = _skip_until > 0  # the pause is over: is the shared cache back?
    if probing and not _probe.acquire(blocking=False):
        return fallback()  # another thread is finding out
    try:
        if _pending_purges:
            shared().set_many(dict(_pending_purges), timeout=None)
            _pending_purges.clear()
        result = call(shared())
        _skip_until = 0.0
        return result
    except Exception as error:  # any client error: connection, timeout, protocol
        _skip_until = time.monotonic() + BREAKER_SECONDS
        logger.warning("The page cache is unavailable (%s); serving from the database.", error)
        return fallback()
    finally:
        if probing:
            _probe.release()


def reset_breaker():
    global _skip_until
    _skip_until = 0.0
    _pending_purges.clear()
    _fallback.clear()


def page_key(url, encoding):
    return f"{PREFIX}:page:{encoding}:{hashlib.sha256(url.encode()).hexdigest()}"


def tag_key(tag):
    return f"{PREFIX}:tag:{tag}"


def get_page(url, encoding):
    return guarded(lambda cache: cache.get(page_key(url, encoding)))


def put_pages(url, entries, timeout):
    """entries: {encoding: entry}, each kept under a key of its own."""

    def put(cache):
        kept = min(timeout, FALLBACK_SECONDS) if cache is _fallback else timeout
        cache.set_many({page_key(url, e): entry for e, entry in entries.items()}, kept)

    guarded(put)


def purge_times(tags):
    """The last purge time of each tag (0 when never purged)."""
    keys = {tag_key(tag): tag for tag in tags}
    found = guarded(lambda cache: cache.get_many(list(keys)))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def mark_purged(tags, when):
    # No expiry: a purge time that vanished would make purged pages look fresh.
    times = {tag_key(tag): when for tag in tags}

    def mark(cache):
        cache.set_many(times, timeout=None)
        if cache is _fallback:  # the shared cache gets it when it answers again
            _pending_purges.update(times)

    guarded(mark)


def get_value(name):
    return guarded(lambda cache: cache.get(f"{PREFIX}:{name}"))


def put_value(name, value, timeout):
    guarded(lambda cache: cache.set(f"{PREFIX}:{name}", value, timeout))
