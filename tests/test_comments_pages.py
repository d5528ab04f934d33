"""Comments come 50 threads a page, each page at an address of its own."""

import re

import pytest

from comments.models import Comment

pytestmark = pytest.mark.django_db


def approved_comments(article, count):
    return Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"قارئ رقم {i}",
            email=f"reader{i}@example.org",
            body=f"هذا تعليق القارئ رقم {i} على الخبر، وفيه رأي في الميزانية والخدمات.",
            status=Comment.Status.APPROVED,
        )
        for i in range(count)
    )


def test_a_thousand_comments_fit_in_a_small_page(client, published):
    approved_comments(published, 1000)
    html = client.get(published.get_absolute_url()).content.decode()
    assert len(html.encode()) < 60_000
    assert html.count('class="comment"') == 50
    assert "1000 تعليق" in html or "١٠٠٠" in html or "1000" in html


def test_pages_link_to_each_other_without_javascript(client, published):
    approved_comments(published, 120)
    url = published.get_absolute_url()
    first = client.get(url).content.decode()
    assert "قارئ رقم 0<" in first and "قارئ رقم 50<" not in first
    later = re.search(r'<a rel="next" href="([^"]+)"', first).group(1)
    assert later == "?comments=2#comments"
    second = client.get(url + "?comments=2").content.decode()
    assert "قارئ رقم 50<" in second and "قارئ رقم 0<" not in second
    earlier = re.search(r'<a rel="prev" href="([^"]+)"', second).group(1)
    assert earlier.endswith("#comments") and "comments=" not in earlier
    third = client.get(url + "?comments=3").content.decode()
    assert third.count('class="comment"') == 20
    assert 'rel="next"' not in third


def test_a_page_that_does_not_exist_shows_the_first(client, published):
    approved_comments(published, 60)
    url = published.get_absolute_url()
    for bad in ("abc", "0", "-3"):
        response = client.get(url, {"comments": bad})
        assert response.status_code == 200
        assert "قارئ رقم 0<" in response.content.decode()


@pytest.mark.pagecache
def test_each_comment_page_is_cached_on_its_own(client, published):
    approved_comments(published, 60)
    url = published.get_absolute_url()
    client.get(url)
    client.get(url + "?comments=2")
    first, second = client.get(url), client.get(url + "?comments=2")
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "HIT"
    assert first.content != second.content
