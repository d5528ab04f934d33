"""Every address of the old WordPress site answers with a 301 to its new page."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from images.models import Image
from wordpress.models import ImportedObject, OldAddress, address_key

POST = "المجلس-البلدي-يقر-الميزانية"
CLASSIC = "افتتاح-مكتبة-الحي"


def article_url(wp_id):
    pk = ImportedObject.objects.get(kind="article", wp_id=wp_id).object_id
    return Article.objects.get(pk=pk).get_absolute_url()


def image_url(wp_id):
    return Image.objects.get(pk=ImportedObject.objects.get(kind="image", wp_id=wp_id).object_id).url


@pytest.fixture
def old_site(run_import):
    run_import()


POST_ADDRESSES = [
    f"/2024/05/06/{POST}/",
    f"/2024/05/06/{quote(POST)}/",
    f"/2024/05/06/{quote(POST).lower()}",
    f"/2024/05/{POST}/",
    f"/{POST}/",
    f"/{quote(POST)}",
    "/archives/100",
    "/archives/100/",
    "/?p=100",
    f"/{POST}/amp/",
    f"/{POST}/comment-page-2/",
]


@pytest.mark.parametrize("old", POST_ADDRESSES)
def test_every_permalink_structure_of_a_post(old_site, client, old):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == article_url("100")


def test_a_classic_post_and_its_guid(old_site, client):
    for old in (f"/2024/05/07/{CLASSIC}/", "/?p=101", f"/{CLASSIC}"):
        assert client.get(old)["Location"] == article_url("101")


@pytest.mark.parametrize(
    "old, new",
    [
        ("/category/سياسة/", "/sections/سياسة/"),
        (f"/category/{quote('سياسة')}", "/sections/سياسة/"),
        ("/category/سياسة/محلي/", "/sections/محلي/"),
        ("/category/محلي/", "/sections/محلي/"),
        ("/category/محلي/page/3/", "/sections/محلي/"),
        ("/?cat=6", "/sections/رياضة/"),
        ("/tag/ميزانية/", "/tags/ميزانية/"),
        ("/author/layla/", "/authors/ليلى-منصور/"),
        ("/author/omar-k/", "/authors/عمر-الخطيب/"),
        ("/feed/", "/feeds/rss/"),
        ("/feed/atom/", "/feeds/rss/"),
        ("/category/سياسة/feed/", "/sections/سياسة/rss/"),
        ("/tag/ميزانية/feed/", "/tags/ميزانية/rss/"),
        ("/author/layla/feed/", "/authors/ليلى-منصور/rss/"),
        (f"/{POST}/feed/", f"/comments/{POST}/rss/"),
        (f"/2024/05/06/{POST}/feed/", f"/comments/{POST}/rss/"),
    ],
)
def test_sections_tags_authors_and_feeds(old_site, client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == quote(new, safe="/"), old


def test_attachment_pages_and_upload_addresses_lead_to_the_library_image(old_site, client):
    front = image_url("10")
    for old in (
        f"/2024/05/06/{POST}/majlis-front/",
        "/?attachment_id=10",
        "/wp-content/uploads/2024/05/majlis-front.jpg",
        "/wp-content/uploads/2024/05/majlis-front-300x169.jpg",  # a size WordPress cut
    ):
        assert client.get(old)["Location"] == front, old
    assert client.get("/?attachment_id=11")["Location"] == image_url("11")
    inline = client.get("/wp-content/uploads/2024/05/rukn-alatfal-300x200.jpg")
    assert inline.status_code == 301
    assert "rukn-alatfal" in inline["Location"]


def test_a_redirect_costs_one_query_more_than_the_404(old_site, client):
    client.get("/")  # what every page keeps in the shared cache (the newsdesk's banners)
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/no-such-address/").status_code == 404
    with CaptureQueriesContext(connection) as found:
        assert client.get(f"/{POST}/").status_code == 301
    assert len(found) == len(missing)
    lookups = [q["sql"] for q in found if "wordpress_oldaddress" in q["sql"]]
    assert len(lookups) == 1


def test_pages_that_exist_never_look_at_old_addresses(old_site, client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article_url("100")).status_code == 200
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "wordpress_oldaddress" in q["sql"]]


def test_scheduled_posts_old_address_waits_like_the_post(old_site, client):
    # The redirect exists, and leads to a page that is 404 until publication.
    response = client.get("/?p=102")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 404


def test_unknown_old_addresses_stay_404(old_site, client):
    assert client.get("/?p=999").status_code == 200  # the front page, as before
    assert client.get("/2024/05/06/no-such-post/").status_code == 404
    assert client.post(f"/{POST}/").status_code == 404


def test_an_address_removed_with_its_article_goes_with_it(old_site, client):
    Article.objects.get(slug=POST).delete()
    assert client.get(f"/{POST}/").status_code == 404
    assert not OldAddress.objects.filter(path=f"/{POST}").exists()


def test_address_keys():
    assert address_key("/Archives/100/") == ("/archives/100", False)
    assert address_key("/slug/feed/rss2/") == ("/slug", True)
    assert address_key("/", {"p": "12"}) == ("/?p=12", False)
    assert address_key("/news/", {"p": "12"}) == ("/news/?p=12", False)
    assert address_key("/feed/") == ("/", True)
