"""The newsdesk's background work: telling the world about an article (newsdesk.pings)."""

from datetime import datetime

from django_tasks import task

from articles.models import Article
from newsroom.background import retried

from . import pings


@task()
@retried
def send_pings(article_id, due=None):
    """Ping WebSub and IndexNow about an article, if readers can see it now.

    A scheduled article's task carries the publication time it waits for (`due`,
    ISO 8601): if the editor has moved that time since, a newer task waits for the
    new one, so this one does nothing, neither early nor twice. Returns the address
    pinged, or None.
    """
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None or not pings.enabled():
        return None
    if due is not None and article.published_at != datetime.fromisoformat(due):
        return None
    return pings.send_all(article)
