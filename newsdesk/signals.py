"""What follows a save: forgotten caches, and pings when an article goes public."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article

from . import breaking, live, pings
from .models import BreakingNews, LiveCoverage, LiveUpdate


@receiver([post_save, post_delete], sender=BreakingNews)
def forget_banners(sender, **kwargs):
    transaction.on_commit(breaking.forget)


@receiver([post_save, post_delete], sender=LiveCoverage)
@receiver([post_save, post_delete], sender=LiveUpdate)
def forget_coverage(sender, instance, **kwargs):
    article_id = instance.article_id
    live.forget(article_id)  # now, and again after commit in case a reader read meanwhile
    transaction.on_commit(lambda: live.forget(article_id))


@receiver(pre_save, sender=Article)
def remember_public_state(sender, instance, raw=False, **kwargs):
    """Note the article's state before this save, only when pings are on (one query)."""
    if raw or not pings.enabled() or instance.pk is None:
        instance._newsdesk_before = None
        return
    instance._newsdesk_before = (
        Article.objects.filter(pk=instance.pk)
        .values("status", "published_at", "revised_at")
        .first()
    )


@receiver(post_save, sender=Article)
def announce_publication(sender, instance, raw=False, **kwargs):
    """Ping when an article becomes public or a public article is corrected; a newly
    scheduled (or rescheduled) article is pinged when its time comes."""
    if raw or not pings.enabled():
        return
    before = getattr(instance, "_newsdesk_before", None) or {}
    if instance.is_published:
        # The same rule as readers' pages: Article.is_published of the state before.
        if not Article(**before).is_published or before["revised_at"] != instance.revised_at:
            pings.announce_after_commit(instance)
    elif instance.is_scheduled:
        if (before.get("status"), before.get("published_at")) != (
            instance.status,
            instance.published_at,
        ):
            pings.announce_after_commit(instance, at=instance.published_at)
