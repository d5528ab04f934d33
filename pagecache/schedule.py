"""How long a page stays fresh: PAGECACHE_SECONDS, but never past the next scheduled change.

PAGECACHE_NEXT_CHANGE names a function returning when the next scheduled
article goes out (or None). Its answer is remembered until something purges
the tag "home" (every article save does) or the time comes.
"""

from django.conf import settings
from django.db import DatabaseError
from django.utils.module_loading import import_string

from . import store

MEMO = "next-change"
MEMO_TAG = "home"
STALE_KEEP_SECONDS = 86400


def next_change(now):
    path = getattr(settings, "PAGECACHE_NEXT_CHANGE", None)
    if not path:
        return None
    memo = store.get_value(MEMO)
    purged = store.purge_times([MEMO_TAG]).get(MEMO_TAG, 0)
    if memo is not None and memo["computed"] > purged and (memo["at"] is None or memo["at"] > now):
        return memo["at"]
    try:
        when = import_string(path)()
    except DatabaseError:  # the page itself rendered; fall back to PAGECACHE_SECONDS
        return None
    at = when.timestamp() if when is not None else None
    store.put_value(MEMO, {"computed": now, "at": at}, STALE_KEEP_SECONDS)
    return at


def fresh_until(started):
    until = started + getattr(settings, "PAGECACHE_SECONDS", 3600)
    at = next_change(started)
    return min(until, at) if at is not None else until


def is_fresh(entry, now):
    if now >= entry["fresh_until"]:
        return False
    purged = store.purge_times(entry["tags"])
    return all(when < entry["started"] for when in purged.values())


def kept_seconds(entry, now):
    """Kept past freshness as the stale copy for readers while the database is down."""
    return int(entry["fresh_until"] - now) + getattr(
        settings, "PAGECACHE_STALE_IF_ERROR", STALE_KEEP_SECONDS
    )
