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
    """Note what readers saw before this save, only when pings are on (one query)."""
    if raw or not pings.enabled() or instance.pk is None:
        instance._newsdesk_before = None
        return
    instance._newsdesk_before = (
        Article.objects.published().filter(pk=instance.pk).values_list("revised_at").first()
    )


@receiver(post_save, sender=Article)
def announce_publication(sender, instance, raw=False, **kwargs):
    """Ping when an article becomes public, or when a public article is corrected."""
    if raw or not pings.enabled() or not instance.is_published:
        return
    before = getattr(instance, "_newsdesk_before", None)
    if before is None or before[0] != instance.revised_at:
        pings.announce_after_commit(instance)
