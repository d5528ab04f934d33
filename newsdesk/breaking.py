"""The breaking-news banners readers see now, kept in the shared cache.

Every page shows the banners, so they are read from the cache, not the database:
the list of banners not yet expired is stored when first asked for and
forgotten whenever an editor saves or deletes one (signals.py). Each reader
request picks from it those shown at that moment, so a banner disappears at
its expiry even without a save; `seconds_until_change` lets the page caches
keep no page past that moment (middleware.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from pagecache.store import guarded

CACHE_KEY = "newsdesk:breaking"
# Even a forgotten purge heals within this many seconds.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Banner:
    headline: str
    link: str
    starts_at: datetime
    expires_at: datetime

    def is_shown(self, now):
        return self.starts_at <= now < self.expires_at


def upcoming_banners():
    """Every banner not yet expired, shown now or later (from the cache)."""
    banners = guarded(lambda cache: cache.get(CACHE_KEY))
    if banners is None:
        from .models import BreakingNews

        banners = [
            Banner(item.headline, item.link(), item.starts_at, item.expires_at)
            for item in BreakingNews.objects.not_expired().select_related("article")
        ]
        guarded(lambda cache: cache.set(CACHE_KEY, banners, CACHE_SECONDS))
    return banners


def current_banners(now=None):
    """The banners readers see at this moment, newest first."""
    now = now or timezone.now()
    return [banner for banner in upcoming_banners() if banner.is_shown(now)]


def seconds_until_change(now=None):
    """Seconds until a banner appears or disappears by itself, or None if none will."""
    now = now or timezone.now()
    moments = [
        moment
        for banner in upcoming_banners()
        for moment in (banner.starts_at, banner.expires_at)
        if moment > now
    ]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))


def forget():
    guarded(lambda cache: cache.delete(CACHE_KEY))
