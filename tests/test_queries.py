"""A page's query count does not grow with the number of articles it shows."""

import pytest
from django.test import Client

from comments.models import Comment

from .commenting import post_comment
from .conftest import count_queries

PAGES = {
    "home": lambda made: "/",
    "article": lambda made: made[0].get_absolute_url(),
    "section": lambda made: made[0].category.get_absolute_url(),
    "tag": lambda made: "/tags/قياس/",
    "author": lambda made: made[0].authors.first().get_absolute_url(),
}

# The most queries each page may use, whatever the data, with the shared cache
# empty. The article page's comment block takes one of them: approved comments
# and the reader's own pending ones come in a single query; its correction notes
# take another. The newsdesk adds, only while the cache is cold: the breaking-news
# banners (every page), the most-read list (home, article) and the article's live
# coverage.
BUDGET = {"home": 8, "article": 10, "section": 7, "tag": 8, "author": 7}


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_query_count_is_constant(client, newsroom, page, django_assert_max_num_queries):
    url = PAGES[page](newsroom(2))
    small = count_queries(client, url)
    url = PAGES[page](newsroom(50))
    with django_assert_max_num_queries(BUDGET[page]):
        large = count_queries(client, url)
    assert small == large


@pytest.mark.django_db
def test_article_page_queries_do_not_grow_with_comments(client, published):
    """0 comments or 200 approved ones with replies, and a reader's own pending: same count."""
    url = published.get_absolute_url()
    none = count_queries(client, url)
    threads = Comment.objects.bulk_create(
        Comment(
            article=published,
            name=f"قارئ {i}",
            email=f"r{i}@example.org",
            body=f"تعليق {i}",
            status=Comment.Status.APPROVED,
        )
        for i in range(100)
    )
    Comment.objects.bulk_create(
        Comment(
            article=published,
            parent=threads[i],
            name=f"راد {i}",
            email=f"p{i}@example.org",
            body=f"رد {i}",
            status=Comment.Status.APPROVED,
        )
        for i in range(100)
    )
    with_comments = count_queries(client, url)
    html = client.get(url).content.decode()
    # 100 threads, 50 to a page (tests/test_comments_pages.py).
    assert "200 تعليق" in html and html.count('class="comment-replies"') == 50
    assert none == with_comments <= BUDGET["article"]

    writer = Client()
    post_comment(writer, published, body="تعليقي المنتظر")
    assert count_queries(writer, url) == with_comments
    assert "تعليقي المنتظر" in writer.get(url).content.decode()
