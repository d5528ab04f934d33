"""A page's query count does not grow with the number of articles it shows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Author, Category
from comments.models import Comment

from .commenting import post_comment


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def newsroom(make_article, category, author):
    """Returns a function that grows the site to n articles across sections and authors."""
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    culture = Category.objects.create(name="ثقافة", slug="ثقافة", position=3)
    second_author = Author.objects.create(name="عمر الخطيب", slug="عمر-الخطيب")
    sections = [category, sport, culture]
    made = []

    def grow(n):
        while len(made) < n:
            i = len(made)
            made.append(
                make_article(
                    f"خبر للقياس {i}",
                    category=sections[i % 3],
                    authors=[author, second_author],
                    tags=[f"وسم {i % 5}", "قياس"],
                    image=i % 2 == 0,
                )
            )
        return made

    return grow


PAGES = {
    "home": lambda made: "/",
    "article": lambda made: made[0].get_absolute_url(),
    "section": lambda made: made[0].category.get_absolute_url(),
    "tag": lambda made: "/tags/قياس/",
    "author": lambda made: made[0].authors.first().get_absolute_url(),
}

# The most queries each page may use, whatever the data. The article page's
# comment block takes one of its six: approved comments and the reader's own
# pending ones come in a single query.
BUDGET = {"home": 6, "article": 6, "section": 6, "tag": 7, "author": 6}


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
    assert "200 تعليق" in html and html.count('class="comment-replies"') == 100
    assert none == with_comments <= BUDGET["article"]

    writer = Client()
    post_comment(writer, published, body="تعليقي المنتظر")
    assert count_queries(writer, url) == with_comments
    assert "تعليقي المنتظر" in writer.get(url).content.decode()
