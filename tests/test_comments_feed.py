"""Each article's comments feed: approved comments only, names and text, never an email."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment

KINDS = ["rss", "atom"]


def feed_url(article, kind):
    return reverse(f"comments:feed-{kind}", args=[article.slug])


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    ET.fromstring(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response.content.decode(), parsed


def comment(article, status=Comment.Status.APPROVED, **fields):
    defaults = {"name": "نادر", "email": "nader.hidden@example.org", "body": "تعليق"}
    return Comment.objects.create(article=article, status=status, **{**defaults, **fields})


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_feed_has_approved_comments_with_name_and_text_only(client, published, kind):
    approved = comment(published, name="سعاد <b>", body="سطر أول\nسطر <script>ثان</script>")
    for status in [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]:
        comment(published, status=status, body=f"لا يظهر {status}", email=f"{status}@example.org")
    raw, feed = read(client, feed_url(published, kind))
    [entry] = feed.entries
    assert entry.title == "تعليق من سعاد <b>"
    assert entry.link.endswith(f"{published.get_absolute_url()}#comment-{approved.pk}")
    assert "سطر أول<br />سطر &lt;script&gt;ثان&lt;/script&gt;" in entry.summary
    assert feed.feed.title == f"التعليقات على: {published.title}"
    assert "@example.org" not in raw and "لا يظهر" not in raw


@pytest.mark.django_db
def test_article_pages_advertise_their_comments_feeds(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    for kind in KINDS:
        assert f'href="{feed_url(published, kind)}"' in html


@pytest.mark.django_db
def test_unpublished_articles_have_no_comments_feed(client, draft, scheduled):
    for article in [draft, scheduled]:
        comment(article)
        assert client.get(feed_url(article, "rss")).status_code == 404


@pytest.mark.django_db
def test_comments_feed_query_count_is_constant(client, published):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_url(published, "rss")).status_code == 200
        return len(queries)

    comment(published)
    few = count()
    for i in range(40):
        comment(published, body=f"تعليق {i}")
    assert count() == few <= 3
