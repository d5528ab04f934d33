"""Purging: a saved or deleted instance with cache_tags() purges those tags on commit.

Purges go to our own cache at once (the purge time of each tag), and to every
purger in PAGECACHE_PURGERS (a CDN or Varnish in front of the site) through a
background task (pagecache.tasks): a slow or down CDN never holds up the
editor's save, and a ban that fails is retried and logged.
"""

import time

from django.conf import settings
from django.db import transaction

from . import store
from .tasks import purge_in_front

SITE = "site"


def tags_of(instance):
    cache_tags = getattr(instance, "cache_tags", None)
    return set(cache_tags()) if callable(cache_tags) else set()


def purge(tags):
    """Purge every cached page carrying one of these tags, now (call it after commit)."""
    tags = sorted(set(tags))
    if not tags:
        return
    store.mark_purged(tags, time.time())
    if getattr(settings, "PAGECACHE_PURGERS", []):
        purge_in_front.enqueue(tags)


def purge_on_commit(tags, using=None):
    tags = set(tags)
    if tags:
        transaction.on_commit(lambda: purge(tags), using=using)


def purge_after_save(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    # Tags now (the old relations: a later m2m change moves an article to new
    # tags) and again at commit (the new ones).
    before = tags_of(instance)
    if before:
        transaction.on_commit(lambda: purge(before | tags_of(instance)), using=using)


def purge_after_relations_change(sender, instance, action, using=None, **kwargs):
    """An article given other tags or authors: the pages of the old and the new ones."""
    if action in ("pre_add", "pre_remove", "pre_clear"):
        purge_after_save(sender, instance, using=using)


def note_before_delete(sender, instance, **kwargs):
    # After the delete the relations that name the pages (tags, authors) are gone.
    # A model whose delete shows on more pages than a save says so in deleted_cache_tags().
    if hasattr(instance, "cache_tags"):
        deleted = getattr(instance, "deleted_cache_tags", None)
        instance._pagecache_tags = tags_of(instance) | set(deleted() if deleted else ())


def purge_after_delete(sender, instance, using=None, **kwargs):
    tags = getattr(instance, "_pagecache_tags", None)
    if tags is None:
        tags = tags_of(instance)
    purge_on_commit(tags, using=using)
