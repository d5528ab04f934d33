"""Live coverage as readers see it: kept in the shared cache per article.

The article page and the polled fragment both read it; saving or deleting an
update or the coverage forgets it (signals.py), so the next reader rebuilds it.
"""

from dataclasses import dataclass, field

from pagecache.store import guarded

CACHE_SECONDS = 300
# The page shows at most this many updates; a longer story starts a new article.
MAX_UPDATES = 200


@dataclass
class Coverage:
    is_live: bool
    updates: list = field(default_factory=list)

    @property
    def latest_id(self):
        return self.updates[0].pk if self.updates else 0


def cache_key(article_id):
    return f"newsdesk:live:{article_id}"


def coverage_of(article_id):
    """The live coverage of an article, or None if it has never been covered live."""
    coverage = guarded(lambda cache: cache.get(cache_key(article_id), "missing"))
    if coverage == "missing":
        coverage = _from_database(article_id)
        guarded(lambda cache: cache.set(cache_key(article_id), coverage, CACHE_SECONDS))
    return coverage


def _from_database(article_id):
    from .models import LiveCoverage, LiveUpdate

    state = LiveCoverage.objects.filter(article_id=article_id).values_list("is_live", flat=True)
    if not state:
        return None
    updates = LiveUpdate.objects.filter(article_id=article_id).select_related("image")
    return Coverage(is_live=state[0], updates=list(updates[:MAX_UPDATES]))


def forget(article_id):
    guarded(lambda cache: cache.delete(cache_key(article_id)))
