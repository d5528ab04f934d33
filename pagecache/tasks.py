"""The page cache's background work: purges sent to the caches in front of the site."""

from django_tasks import task

from newsroom.background import retried

from . import purgers


@task()
@retried
def purge_in_front(tags):
    """Ban the tags in every cache in front of the site (PAGECACHE_PURGERS: a CDN, Varnish).

    A purger that is down or slow fails the task, which is logged and run again
    later; bans are safe to repeat. Our own cache was purged at commit already.
    """
    for purger in purgers.configured():
        purger.purge(tags)
