"""The page cache: what it keeps, the headers it sends, and exact purging on commit."""

import gzip
import time
from datetime import timedelta

import brotli
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from taggit.models import Tag

from articles.models import Article, Category
from comments.models import Comment
from comments.visitors import OWN_COMMENTS_COOKIE

from .commenting import post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.pagecache]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a commit runs (the purges) at the end of the with block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_view_comes_from_the_cache(client, published):
    url = published.get_absolute_url()
    first = get(client, url)
    second = get(client, url)
    assert first["X-Page-Cache"] == "MISS"
    assert second["X-Page-Cache"] == "HIT"
    assert first.content == second.content


def test_headers_for_browsers_and_shared_caches(client, published):
    response = get(client, published.get_absolute_url())
    control = response["Cache-Control"]
    for part in (
        "public",
        "max-age=60",
        "s-maxage=300",
        "stale-while-revalidate=",
        "stale-if-error=",
    ):
        assert part in control
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    # Only the encoding changes the page: no Cookie, no Accept-Language.
    assert response["Vary"] == "Accept-Encoding"
    assert not response.cookies
    keys = response["Surrogate-Key"].split()
    expected = {
        "site",
        f"article:{published.pk}",
        f"section:{published.category_id}",
        f"image:{published.lead_image_id}",
        *(f"author:{a.pk}" for a in published.authors.all()),
        *(f"tag:{t.pk}" for t in published.tags.all()),
    }
    assert expected <= set(keys)
    assert set(response["Cache-Tag"].split(",")) == set(keys)


@pytest.mark.parametrize(
    "url, tag",
    [
        ("/", "home"),
        ("/search/?q=ميزانية", "search"),
        ("/feeds/rss/", "feeds"),
        ("/sitemap.xml", "sitemaps"),
        ("/robots.txt", "sitemaps"),
    ],
)
def test_every_reader_page_is_cached_and_tagged(client, published, url, tag):
    first = get(client, url)
    assert first.status_code == 200
    assert {"site", tag} <= set(first["Surrogate-Key"].split())
    assert "Cookie" not in first.get("Vary", "")
    assert get(client, url)["X-Page-Cache"] == "HIT"


def test_list_pages_carry_their_subject(client, published):
    section = get(client, published.category.get_absolute_url())
    author_page = get(client, published.authors.first().get_absolute_url())
    tag = published.tags.first()
    tag_page = get(client, f"/tags/{tag.slug}/")
    assert f"section:{published.category_id}" in section["Surrogate-Key"].split()
    assert f"author:{published.authors.first().pk}" in author_page["Surrogate-Key"].split()
    assert f"tag:{tag.pk}" in tag_page["Surrogate-Key"].split()
    assert f"image:{published.lead_image_id}" in section["Surrogate-Key"].split()


def test_a_kept_page_keeps_the_headers_other_middleware_set(client, published):
    url = published.get_absolute_url()
    first, second = get(client, url), get(client, url)
    assert second["X-Page-Cache"] == "HIT"
    for name in ("X-Frame-Options", "Content-Type", "Content-Language"):
        assert second[name] == first[name], name


def test_conditional_get_gets_304(client, published):
    url = published.get_absolute_url()
    first = get(client, url)
    by_etag = get(client, url, if_none_match=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = get(client, url, if_modified_since=first["Last-Modified"])
    assert by_date.status_code == 304
    old = http_date(time.time() - 3600)
    assert get(client, url, if_modified_since=old).status_code == 200
    assert get(client, url, if_none_match='W/"other"').status_code == 200


def test_compressed_once_in_brotli_and_gzip(client, published):
    url = published.get_absolute_url()
    plain = get(client, url).content
    br = get(client, url, accept_encoding="gzip, deflate, br")
    gz = get(client, url, accept_encoding="gzip")
    assert br["Content-Encoding"] == "br"
    assert gz["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.content) == plain
    assert gzip.decompress(gz.content) == plain
    assert len(br.content) < len(plain) / 3
    assert int(br["Content-Length"]) == len(br.content)


def test_own_pending_comments_stay_private(client, published):
    response = post_comment(client, published, body="تعليقي الذي ينتظر المراجعة الآن")
    assert response.status_code == 303
    assert OWN_COMMENTS_COOKIE in client.cookies
    page = get(client, published.get_absolute_url())
    assert "private" in page["Cache-Control"]
    assert "تعليقي الذي ينتظر" in page.content.decode()
    # Nobody else gets that page, cached or not.
    client.cookies.clear()
    other = get(client, published.get_absolute_url())
    assert "تعليقي الذي ينتظر" not in other.content.decode()
    assert "public" in other["Cache-Control"]


def test_staff_with_a_session_get_private_pages(admin_client, published):
    response = get(admin_client, published.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_preview_is_never_cached(admin_client, draft):
    response = get(admin_client, draft.get_preview_url())
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def pages_of(article):
    tag = article.tags.first()
    return [
        article.get_absolute_url(),
        "/",
        article.category.get_absolute_url(),
        f"/tags/{tag.slug}/",
        article.authors.first().get_absolute_url(),
        "/feeds/rss/",
        "/sitemap-articles.xml",
    ]


def warm(client, urls):
    for url in urls:
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "HIT", url


def test_editing_an_article_purges_every_page_that_shows_it(client, published, committed):
    urls = pages_of(published)
    warm(client, urls)
    with committed():
        published.title = "المجلس البلدي يعدّل ميزانية العام الجديد"
        published.save()
    for url in urls:
        response = get(client, url)
        assert response["X-Page-Cache"] == "MISS", url
        if "sitemap" not in url:  # a sitemap names no titles
            assert "يعدّل ميزانية" in response.content.decode(), url


def test_publishing_an_article_shows_it_at_once(client, published, make_article, committed):
    warm(client, ["/"])
    with committed():
        make_article("خبر عاجل عن انقطاع الكهرباء")
    assert "خبر عاجل عن انقطاع الكهرباء" in get(client, "/").content.decode()


def test_unpublishing_and_deleting_remove_the_article(client, published, make_article, committed):
    other = make_article("خبر ثان عن المدارس", tags=["ميزانية"])
    warm(client, pages_of(published) + [other.get_absolute_url()])
    with committed():
        published.status = Article.Status.DRAFT
        published.save()
    assert get(client, published.get_absolute_url()).status_code == 404
    assert "يقر ميزانية" not in get(client, "/").content.decode()
    url = other.get_absolute_url()
    with committed():
        other.delete()
    assert get(client, url).status_code == 404
    assert "خبر ثان عن المدارس" not in get(client, "/").content.decode()


def test_a_tag_moved_off_an_article_purges_its_old_tag_page(client, published, committed):
    old = published.tags.first()
    warm(client, [f"/tags/{old.slug}/"])
    with committed():
        published.tags.set(["اقتصاد"])
        published.save()
    assert get(client, f"/tags/{old.slug}/").status_code == 404


def test_approving_and_removing_a_comment(client, published, committed):
    url = published.get_absolute_url()
    post_comment(client, published, body="رأيي أن الميزانية متوازنة هذا العام")
    client.cookies.clear()
    warm(client, [url])
    comment = Comment.objects.get()
    with committed():
        Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.APPROVED, None)
    assert "الميزانية متوازنة" in get(client, url).content.decode()
    warm(client, [url])
    with committed():
        Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.REMOVED, None)
    assert "الميزانية متوازنة" not in get(client, url).content.decode()


def test_a_new_pending_comment_purges_nothing(client, published):
    url = published.get_absolute_url()
    warm(client, [url])
    post_comment(client, published, body="تعليق جديد لم يراجع بعد")
    client.cookies.clear()
    assert get(client, url)["X-Page-Cache"] == "HIT"


def test_editing_a_section_author_tag_or_image(client, published, committed):
    url = published.get_absolute_url()
    changes = [
        (published.category, "name", "الشؤون المحلية"),
        (published.authors.first(), "name", "ليلى منصور الحداد"),
        (Tag.objects.get(pk=published.tags.first().pk), "name", "الموازنة"),
        (published.lead_image, "alt_text", "قاعة المجلس وقت التصويت"),
    ]
    for instance, field, value in changes:
        warm(client, [url, "/"])
        with committed():
            setattr(instance, field, value)
            instance.save()
        response = get(client, url)
        assert response["X-Page-Cache"] == "MISS", field
        assert value in response.content.decode(), (type(instance), field)


def test_a_scheduled_article_appears_on_time(client, published, make_article, committed, settings):
    with committed():
        soon = make_article(
            "خبر مجدول بعد لحظات", published_at=timezone.now() + timedelta(seconds=2)
        )
    home = get(client, "/")
    assert "خبر مجدول بعد لحظات" not in home.content.decode()
    max_age = int(home["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 2
    assert get(client, "/")["X-Page-Cache"] == "HIT"
    time.sleep((soon.published_at - timezone.now()).total_seconds() + 0.1)
    later = get(client, "/")
    assert later["X-Page-Cache"] == "MISS"
    assert "خبر مجدول بعد لحظات" in later.content.decode()


def test_a_response_that_sets_a_cookie_is_not_kept(client, published):
    # my_comments sets (or clears) the own-comments cookie and is never a reader page.
    response = client.get(f"/comments/mine/{published.pk}/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


# --- Purges as exact as the pages: drafts and section descriptions ----------------


def test_a_draft_edited_purges_no_list(client, published, draft, committed):
    lists = ["/", published.category.get_absolute_url(), "/feeds/rss/"]
    warm(client, lists)
    with committed():
        edited = Article.objects.get(pk=draft.pk)  # as the desk reads it
        edited.title = "مسودة عدلت ولم تنشر"
        edited.save()
        edited.tags.add("مسودات")
    assert [get(client, url)["X-Page-Cache"] for url in lists] == ["HIT"] * 3


def test_publishing_and_unpublishing_purge_the_lists(client, published, draft, committed):
    warm(client, ["/"])
    with committed():
        article = Article.objects.get(pk=draft.pk)
        article.status = Article.Status.PUBLISHED
        article.save()
    response = get(client, "/")
    assert response["X-Page-Cache"] == "MISS" and "مسودة لم تنشر بعد" in response.content.decode()

    warm(client, ["/"])
    with committed():
        article = Article.objects.get(pk=draft.pk)
        article.status = Article.Status.DRAFT
        article.save()
    response = get(client, "/")
    assert response["X-Page-Cache"] == "MISS"
    assert "مسودة لم تنشر بعد" not in response.content.decode()


def test_a_section_description_purges_its_page_not_every_page(client, published, committed):
    section_url = published.category.get_absolute_url()
    warm(client, ["/", section_url, published.get_absolute_url()])
    with committed():
        section = Category.objects.get(pk=published.category_id)
        section.description = "أخبار البلديات والمجالس المحلية"
        section.save()
    assert get(client, "/")["X-Page-Cache"] == "HIT"
    response = get(client, section_url)
    assert response["X-Page-Cache"] == "MISS" and "والمجالس المحلية" in response.content.decode()

    with committed():
        section.position = 7  # its place in every page's navigation
        section.save()
    assert get(client, "/")["X-Page-Cache"] == "MISS"


def test_a_deleted_section_leaves_every_page(client, published, committed):
    with committed():
        Category.objects.create(name="منوعات", slug="منوعات", position=9)
    warm(client, ["/"])
    assert "منوعات" in get(client, "/").content.decode()
    with committed():
        Category.objects.filter(slug="منوعات").delete()
    response = get(client, "/")
    assert response["X-Page-Cache"] == "MISS" and "منوعات" not in response.content.decode()


# With the immediate backend the save's search task runs inside it and reads the article
# again (one query); with the worker that read happens in the worker.
@pytest.mark.parametrize("which, queries", [("draft", 6), ("published", 8), ("section", 1)])
def test_saves_take_a_pinned_number_of_queries(published, draft, committed, which, queries):
    instance = {
        "draft": lambda: Article.objects.get(pk=draft.pk),
        "published": lambda: Article.objects.get(pk=published.pk),
        "section": lambda: Category.objects.get(pk=published.category_id),
    }[which]()
    with committed(), CaptureQueriesContext(connection) as captured:
        instance.save()
    assert len(captured) == queries, [q["sql"] for q in captured]
