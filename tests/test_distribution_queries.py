"""Feeds and sitemaps use as many queries for 50 articles as for 2."""

import pytest
from django.urls import reverse

from .conftest import count_queries

URLS = {
    "site rss": lambda: reverse("distribution:feed-rss"),
    "site atom": lambda: reverse("distribution:feed-atom"),
    "section rss": lambda: reverse("distribution:category-rss", args=["سياسة"]),
    "tag atom": lambda: reverse("distribution:tag-atom", args=["قياس"]),
    "author rss": lambda: reverse("distribution:author-rss", args=["ليلى-منصور"]),
    "sitemap index": lambda: reverse("distribution:sitemap-index"),
    "articles sitemap": lambda: reverse("distribution:sitemap", args=["articles"]),
    "sections sitemap": lambda: reverse("distribution:sitemap", args=["sections"]),
    "tags sitemap": lambda: reverse("distribution:sitemap", args=["tags"]),
    "authors sitemap": lambda: reverse("distribution:sitemap", args=["authors"]),
    "news sitemap": lambda: reverse("distribution:news-sitemap"),
    "robots": lambda: reverse("distribution:robots"),
}

# The most queries each may use, whatever the data.
BUDGET = {
    "site rss": 3,
    "site atom": 3,
    "section rss": 4,
    "tag atom": 5,
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
