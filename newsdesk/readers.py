"""Most read: a privacy-friendly count of article views.

A view is counted by a beacon the article page sends (views.read_beacon): no
cookie, no address, nothing about the reader is kept, only one counter per
article and hour in the shared cache. To count readers rather than reloads,
the cache also holds, for MOST_READ_REPEAT_SECONDS, a keyed hash of the
reader's address and browser with the article read (the same reader within
that window counts once), and, for a minute, a keyed hash of the address with
its number of beacons (past MOST_READ_BEACONS_PER_MINUTE, the rest are not
counted). Those hashes (HMAC with SECRET_KEY) never reach the database, and
the address itself is kept nowhere. The command `flush_read_counts` adds the
counters to ReadCount rows and works out the "most read in 24 hours" list,
which the pages read from the cache. Pages themselves stay the same for every
reader, so they can be cached.

Counters are found again without listing the cache's keys (Redis and local
memory alike): the first view of an article in an hour takes a numbered slot
of that hour that names the article. Flushing subtracts what it added, so
views counted meanwhile stay for the next flush.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from pagecache.store import guarded

# Counters live this long in the cache: flush at least this often.
COUNTER_SECONDS = 48 * 3600
MOST_READ_KEY = "newsdesk:most-read"
MOST_READ_SECONDS = 15 * 60
MOST_READ_COUNT = 5
MOST_READ_HOURS = 24


def hour_of(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def _keys(hour):
    stamp = hour.strftime("%Y%m%d%H")
    return f"newsdesk:reads:{stamp}", f"newsdesk:reads:{stamp}:slots"


def count_read(article_id, address, user_agent, now=None):
    """Count a reader's beacon for an article unless it is a repeat or a flood.
    Returns whether it was counted."""
    counted = guarded(lambda cache: _first_read(cache, article_id, address, user_agent, now))
    if counted:
        count_view(article_id, now)
    return bool(counted)


def _first_read(cache, article_id, address, user_agent, now):
    minute = (now or timezone.now()).strftime("%Y%m%d%H%M")
    sender = f"newsdesk:beacons:{_hashed(address or '')}:{minute}"
    cache.add(sender, 0, 60)
    if cache.incr(sender) > settings.MOST_READ_BEACONS_PER_MINUTE:
        return False
    reader = f"newsdesk:reader:{_hashed(address or '', user_agent)}:{article_id}"
    return cache.add(reader, 1, settings.MOST_READ_REPEAT_SECONDS)


def _hashed(*parts):
    """A keyed hash (SECRET_KEY), salted for this one use: it cannot be reversed or
    matched against another app's hashes of the same address."""
    return salted_hmac("newsdesk.readers", "\n".join(parts), algorithm="sha256").hexdigest()


def count_view(article_id, now=None):
    """Count one view of an article in the current hour."""
    prefix, slots = _keys(hour_of(now or timezone.now()))
    counter = f"{prefix}:{article_id}"

    def count(cache):
        if cache.add(counter, 0, COUNTER_SECONDS):
            cache.add(slots, 0, COUNTER_SECONDS)
            slot = cache.incr(slots)
            cache.set(f"{slots}:{slot}", article_id, COUNTER_SECONDS)
        cache.incr(counter)

    guarded(count)


def pending_counts(hour):
    """{article id: views counted in the cache and not yet flushed} for one hour."""
    prefix, slots = _keys(hour)
    taken = cache.get(slots) or 0
    ids = cache.get_many([f"{slots}:{n}" for n in range(1, taken + 1)]).values()
    counters = cache.get_many([f"{prefix}:{pk}" for pk in ids])
    return {int(key.rsplit(":", 1)[1]): n for key, n in counters.items() if n}


def flush(now=None):
    """Add the cached counters of the last 48 hours to the database; return the views added."""
    from articles.models import Article

    from .models import ReadCount

    now = now or timezone.now()
    added = 0
    for hours_ago in range(COUNTER_SECONDS // 3600):
        hour = hour_of(now) - timedelta(hours=hours_ago)
        counts = pending_counts(hour)
        existing = set(Article.objects.filter(pk__in=counts).values_list("pk", flat=True))
        prefix, _slots = _keys(hour)
        for article_id, views in counts.items():
            if article_id in existing:
                with transaction.atomic():
                    row, _ = ReadCount.objects.get_or_create(article_id=article_id, hour=hour)
                    ReadCount.objects.filter(pk=row.pk).update(views=F("views") + views)
                added += views
            try:
                cache.decr(f"{prefix}:{article_id}", views)
            except ValueError:  # the counter expired meanwhile: nothing left to subtract
                pass
    cache.set(MOST_READ_KEY, _most_read_from_database(now), MOST_READ_SECONDS)
    return added


def most_read(now=None):
    """The most read published articles of the last 24 hours: dicts of title, url, views."""
    ranking = guarded(lambda cache: cache.get(MOST_READ_KEY))
    if ranking is None:
        ranking = _most_read_from_database(now or timezone.now())
        guarded(lambda cache: cache.set(MOST_READ_KEY, ranking, MOST_READ_SECONDS))
    return ranking


def _most_read_from_database(now):
    from articles.models import Article

    since = hour_of(now) - timedelta(hours=MOST_READ_HOURS - 1)
    rows = (
        Article.objects.published()
        .filter(readcount_rows__hour__gte=since)
        .values("slug", "title")
        .annotate(views=Sum("readcount_rows__views"))
        .order_by("-views", "title")[:MOST_READ_COUNT]
    )
    return [
        {
            "title": row["title"],
            "url": Article(slug=row["slug"]).get_absolute_url(),
            "views": row["views"],
        }
        for row in rows
    ]
