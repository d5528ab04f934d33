"""Feeds and sitemaps use as many queries for 50 articles as for 2."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Author, Category


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def newsroom(make_article, category, author):
    """Returns a function that grows the site to n articles across sections, tags and authors."""
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    second_author = Author.objects.create(name="عمر الخطيب", slug="عمر-الخطيب")
    sections = [category, sport]
    made = []

    def grow(n):
        while len(made) < n:
            i = len(made)
            made.append(
                make_article(
                    f"خبر للقياس {i}",
                    category=sections[i % 2],
                    authors=[author, second_author],
                    tags=[f"وسم {i % 7}", "قياس"],
                    image=i % 2 == 0,
                )
            )
        return made

    return grow


URLS = {
    "site rss": lambda: reverse("articles:feed-rss"),
    "site atom": lambda: reverse("articles:feed-atom"),
    "section rss": lambda: reverse("articles:category-rss", args=["سياسة"]),
    "tag atom": lambda: reverse("articles:tag-atom", args=["قياس"]),
    "author rss": lambda: reverse("articles:author-rss", args=["ليلى-منصور"]),
    "sitemap index": lambda: reverse("articles:sitemap-index"),
    "articles sitemap": lambda: reverse("articles:sitemap", args=["articles"]),
    "sections sitemap": lambda: reverse("articles:sitemap", args=["sections"]),
    "tags sitemap": lambda: reverse("articles:sitemap", args=["tags"]),
    "authors sitemap": lambda: reverse("articles:sitemap", args=["authors"]),
    "news sitemap": lambda: reverse("articles:news-sitemap"),
    "robots": lambda: reverse("articles:robots"),
}

# The most queries each may use, whatever the data.
BUDGET = {
    "site rss": 3,
    "site atom": 3,
    "section rss": 4,
    "tag atom": 4,
    "author rss": 4,
    "sitemap index": 8,
    "articles sitemap": 2,
    "sections sitemap": 2,
    "tags sitemap": 2,
    "authors sitemap": 2,
    "news sitemap": 2,
    "robots": 0,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", URLS)
def test_query_count_is_constant(client, newsroom, name, django_assert_max_num_queries):
    newsroom(2)
    small = count_queries(client, URLS[name]())
    newsroom(50)
    with django_assert_max_num_queries(BUDGET[name]):
        large = count_queries(client, URLS[name]())
    assert small == large
