"""Drafts and scheduled articles are invisible to readers on every page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article


def reader_pages(article):
    tag = article.tags.first()
    return [
        reverse("articles:home"),
        article.category.get_absolute_url(),
        article.authors.first().get_absolute_url(),
    ] + ([reverse("articles:tag", args=[tag.slug])] if tag else [])


@pytest.mark.django_db
def test_published_queryset_is_status_and_time(published, draft, scheduled):
    assert list(Article.objects.published()) == [published]


@pytest.mark.django_db
def test_published_article_is_on_every_listing(client, published):
    assert client.get(published.get_absolute_url()).status_code == 200
    for url in reader_pages(published):
        assert published.title in client.get(url).content.decode(), url


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["draft", "scheduled"])
def test_unpublished_article_is_invisible(client, published, fixture, request):
    hidden = request.getfixturevalue(fixture)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in reader_pages(published):
        assert hidden.title not in client.get(url).content.decode(), url
    # Its tag exists only on the hidden article: the tag page must not exist either.
    assert client.get(reverse("articles:tag", args=[hidden.tags.first().slug])).status_code == 404


@pytest.mark.django_db
def test_scheduled_article_appears_when_its_time_comes(client, make_article):
    article = make_article("خبر ينشر بعد قليل", published_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_publishing_without_a_time_publishes_now(make_article):
    article = make_article(status=Article.Status.DRAFT)
    assert article.published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None
    assert article in Article.objects.published()
