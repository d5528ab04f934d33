"""Purging: a saved or deleted instance with cache_tags() purges those tags on commit.

Purges go to our own cache (the purge time of each tag) and to every purger in
PAGECACHE_PURGERS (a CDN or Varnish in front of the site).
"""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from . import store

logger = logging.getLogger("pagecache")

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
    for purger in purgers():
        try:
            purger.purge(tags)
        except Exception as error:  # a CDN that is down must not fail the editor's save
            logger.warning("Purging %s through %s failed: %s", tags, type(purger).__name__, error)


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
    if hasattr(instance, "cache_tags"):
        instance._pagecache_tags = tags_of(instance)


def purge_after_delete(sender, instance, using=None, **kwargs):
    tags = getattr(instance, "_pagecache_tags", None)
    if tags is None:
        tags = tags_of(instance)
    purge_on_commit(tags, using=using)


def purgers():
    return [import_string(path)() for path in getattr(settings, "PAGECACHE_PURGERS", [])]
