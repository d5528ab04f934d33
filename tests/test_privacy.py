"""Readers' email addresses never appear in any public response."""

import hashlib
import uuid

import pytest
from django.test import Client

from articles.models import Author, Category
from comments.models import BlockedWord, Comment

from .commenting import approve, post_comment
from .crawler import crawl


def traces(email):
    """Every form in which an address could leak: as is, encoded, or hashed (Gravatar)."""
    local = email.split("@")[0]
    lowered = email.strip().lower().encode()
    return {
        email.lower(),
        local.lower(),
        email.lower().replace("@", "%40"),
        email.lower().replace("@", "&#64;"),
        email.lower().replace("@", "&#x40;"),
        hashlib.md5(lowered).hexdigest(),
        hashlib.sha256(lowered).hexdigest(),
    }


@pytest.fixture
def commented_site(make_article, author, category, settings):
    """A site with pagination, sections, tags, authors and comments in every status."""
    settings.ARTICLES_PER_PAGE = 2
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    second = Author.objects.create(name="سامر يوسف", slug="سامر-يوسف")
    articles = [
        make_article(
            f"خبر للخصوصية {i}",
            category=[category, sport][i % 2],
            authors=[author, second][: 1 + i % 2],
            tags=["خصوصية", f"وسم-{i}"],
        )
        for i in range(5)
    ]
    BlockedWord.objects.create(word="قمار")
    writer = Client()
    emails = []

    def comment(article, **fields):
        email = f"Private.{uuid.uuid4().hex}@Example.org"
        emails.append(email)
        response = post_comment(writer, article, email=email, **fields)
        assert response.status_code == 303, response.content.decode()[:500]
        return Comment.objects.get(email=email)

    for article in articles:
        first = comment(article, name="قارئ أول")
        approve(first)
        approve(comment(article, name="قارئ يرد", reply_to=first.pk))
    comment(articles[0], name="ما زال منتظرا")
    comment(articles[1], body="موقع قمار")
    removed = comment(articles[2], name="أزيل")
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)
    assert Comment.objects.filter(email__in=emails).count() == len(emails) == 13
    return articles, emails, writer


@pytest.mark.django_db
def test_no_email_address_appears_in_any_public_response(commented_site):
    articles, emails, writer = commented_site
    for reader in (Client(), writer):  # a stranger, and the browser that wrote them all
        pages = crawl(reader)
        urls = {page.url for page in pages}
        # The crawl reached every kind of page, so the check below means something.
        for article in articles:
            assert article.get_absolute_url() in urls, article
        kinds = ["/sections/", "/tags/", "/authors/", "?page=2", "?reply_to=", "/comments/mine/"]
        kinds += ["/feeds/rss/", "/feeds/atom/", "/rss/", "sitemap"]
        for kind in kinds:
            assert any(kind in url for url in urls), kind
        assert any(page.status == 404 for page in pages)
        for page in pages:
            haystack = (page.headers + "\n" + page.text).lower()
            for email in emails:
                for trace in traces(email):
                    assert trace not in haystack, (page.url, email)
    # The stranger saw approved comments; the writer also saw its own pending one.
    assert "قارئ يرد" in Client().get(articles[0].get_absolute_url()).content.decode()
    assert "ما زال منتظرا" in writer.get(articles[0].get_absolute_url()).content.decode()
