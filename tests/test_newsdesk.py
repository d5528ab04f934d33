"""The newsdesk: breaking news, live coverage, most read, sharing, the IndexNow key and hub."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk import readers
from newsdesk.models import BreakingNews, LiveCoverage, LiveUpdate, ReadCount

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


def banner_html(client, url="/"):
    html = client.get(url).content.decode()
    match = re.search(r'<aside class="breaking".*?</aside>', html, re.S)
    return match.group(0) if match else ""


# --- Breaking news ---------------------------------------------------------


def test_breaking_banner_shows_on_every_page_and_links_to_its_article(client, published):
    BreakingNews.objects.create(headline="انقطاع الكهرباء عن وسط المدينة", article=published)
    for url in [
        "/",
        published.get_absolute_url(),
        published.category.get_absolute_url(),
        "/search/?q=ميزانية",
    ]:
        banner = banner_html(client, url)
        assert "عاجل" in banner and "انقطاع الكهرباء عن وسط المدينة" in banner, url
        assert f'href="{published.get_absolute_url()}"' in banner


def test_breaking_banner_disappears_by_itself_when_it_expires(client, published):
    import time

    from newsdesk import breaking

    item = BreakingNews.objects.create(
        headline="إغلاق الطريق الساحلي",
        url="https://example.org/x",
        expires_at=timezone.now() + timedelta(seconds=1.5),
    )
    assert "إغلاق الطريق الساحلي" in banner_html(client)
    assert breaking.current_banners(now=item.expires_at) == []
    # No save at expiry: the cached list is read against the clock on each request.
    time.sleep(1.6)
    assert banner_html(client) == ""


def test_saving_a_banner_shows_it_at_once_and_its_purge_tags_are_the_sites(
    client, published, django_capture_on_commit_callbacks
):
    assert banner_html(client) == ""  # the empty list is now cached
    item = BreakingNews(headline="زلزال خفيف يضرب الساحل")
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert "زلزال خفيف يضرب الساحل" in banner_html(client)
    assert item.cache_tags() == ["site"]
    assert item.expires_at == item.starts_at + timedelta(hours=1)


def test_no_cached_page_outlives_a_banner(client, published):
    BreakingNews.objects.create(
        headline="عاصفة رملية", expires_at=timezone.now() + timedelta(seconds=90)
    )
    response = client.get("/")
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < max_age <= 90
    # A longer max-age set by a page cache is lowered too; private pages are left alone.
    preview = client.get(published.get_absolute_url())
    assert "max-age" in preview["Cache-Control"]


def test_banner_form_refuses_an_end_before_the_start_and_an_unpublished_article(draft):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        BreakingNews(
            headline="خبر", starts_at=now, expires_at=now - timedelta(minutes=1)
        ).full_clean()
    assert "يجب أن ينتهي الشريط بعد بدايته." in str(error.value)
    with pytest.raises(ValidationError) as error:
        BreakingNews(
            headline="خبر", article=draft, expires_at=now + timedelta(hours=1)
        ).full_clean()
    assert "انشره أولًا" in str(error.value)


# --- Live coverage -----------------------------------------------------------


@pytest.fixture
def live_article(published):
    LiveCoverage.objects.create(article=published, is_live=True)
    now = timezone.now()
    LiveUpdate.objects.create(
        article=published, text="بدأت الجلسة", published_at=now - timedelta(minutes=20)
    )
    LiveUpdate.objects.create(
        article=published, text="صوّت المجلس بالإجماع", published_at=now - timedelta(minutes=5)
    )
    return published


def test_live_article_shows_updates_newest_first_without_javascript(client, live_article):
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert "تغطية مباشرة" in html
    assert html.index("صوّت المجلس بالإجماع") < html.index("بدأت الجلسة")
    assert "منذ 5 دقائق" in html


def test_live_fragment_is_cacheable_and_names_its_newest_update(client, live_article):
    response = client.get(f"/live/{live_article.pk}/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=10" in response["Cache-Control"]
    assert not response.cookies
    newest = LiveUpdate.objects.filter(article=live_article).first()
    assert response["X-Latest-Update"] == str(newest.pk)
    LiveUpdate.objects.create(article=live_article, text="رُفعت الجلسة")
    fresh = client.get(f"/live/{live_article.pk}/")
    assert "رُفعت الجلسة" in fresh.content.decode()
    assert fresh["X-Latest-Update"] != response["X-Latest-Update"]


def test_live_fragment_is_404_for_articles_not_live_or_not_public(client, published, draft):
    assert client.get(f"/live/{published.pk}/").status_code == 404
    LiveCoverage.objects.create(article=draft)
    assert client.get(f"/live/{draft.pk}/").status_code == 404


def test_live_article_carries_live_blog_posting_with_each_update(client, live_article):
    html = client.get(live_article.get_absolute_url()).content.decode()
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    live = [b for b in blocks if b.get("@type") == "LiveBlogPosting"]
    assert len(live) == 1
    updates = live[0]["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == ["صوّت المجلس بالإجماع", "بدأت الجلسة"]
    assert all(u["@type"] == "BlogPosting" and u["datePublished"] for u in updates)
    assert live[0]["coverageStartTime"]


def test_a_live_update_with_a_video_link_is_a_click_to_load_embed(client, live_article):
    LiveUpdate.objects.create(
        article=live_article,
        text="كلمة الوزير كاملة",
        embed_url="https://www.youtube.com/watch?v=aBcDeFgHiJk",
    )
    LiveUpdate.objects.create(
        article=live_article, text="البيان الرسمي", embed_url="https://example.org/bayan"
    )
    for html in (
        client.get(live_article.get_absolute_url()).content.decode(),
        client.get(f"/live/{live_article.pk}/").content.decode(),
    ):
        # As in a body: the platform named, nothing loaded from it until the reader asks.
        assert 'data-embed-src="https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"' in html
        assert "<iframe" not in html and "youtube.com/watch" in html
        assert '<a href="https://example.org/bayan" rel="noopener nofollow">' in html
    page = client.get(live_article.get_absolute_url()).content.decode()
    assert page.count("articles/embeds.") == 1  # the loader, for updates that come later too


@pytest.mark.pagecache
def test_a_live_update_purges_its_article_and_keeps_the_rest_of_the_site(
    client, live_article, make_article, django_capture_on_commit_callbacks
):
    other = make_article(title="خبر آخر في القسم")
    pages = ["/", live_article.get_absolute_url(), other.get_absolute_url()]
    for url in pages:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        LiveUpdate.objects.create(article=live_article, text="انتهت الجلسة الأولى")
    cache_states = {url: client.get(url)["X-Page-Cache"] for url in pages}
    assert cache_states == {
        "/": "HIT",
        live_article.get_absolute_url(): "MISS",
        other.get_absolute_url(): "HIT",
    }
    assert "انتهت الجلسة الأولى" in client.get(live_article.get_absolute_url()).content.decode()


def test_editor_posts_a_live_update_without_saving_the_article_form(
    client, desk_editor, live_article
):
    client.force_login(desk_editor)
    form = client.get(f"/admin/articles/article/{live_article.pk}/change/").content.decode()
    assert f'data-post-url="/desk/live/{live_article.pk}/post/"' in form
    assert "js/live-desk.js" in form
    response = client.post(f"/desk/live/{live_article.pk}/post/", {"text": "وصل الوزير"})
    assert response.status_code == 201
    assert "وصل الوزير" in response.json()["html"]
    client.logout()
    assert "وصل الوزير" in client.get(f"/live/{live_article.pk}/").content.decode()


def test_a_refused_live_update_says_why_in_arabic_and_saves_nothing(
    client, desk_editor, live_article
):
    client.force_login(desk_editor)
    before = LiveUpdate.objects.count()
    response = client.post(
        f"/desk/live/{live_article.pk}/post/", {"text": "", "embed_url": "ليس-عنوانًا"}
    )
    assert response.status_code == 400
    errors = " ".join(response.json()["errors"])
    assert "هذا الحقل مطلوب" in errors or "مطلوب" in errors
    assert LiveUpdate.objects.count() == before


def test_only_those_who_may_change_the_article_post_updates(client, writer, live_article):
    assert client.post(f"/desk/live/{live_article.pk}/post/", {"text": "x"}).status_code in (
        403,
        404,
    )
    client.force_login(writer)  # not their article
    assert client.post(f"/desk/live/{live_article.pk}/post/", {"text": "x"}).status_code == 404


def test_article_form_still_saves_with_the_live_inlines(client, desk_editor, published):
    client.force_login(desk_editor)
    data = article_form_data(published)
    now = timezone.localtime()
    data.update(
        {
            "live_coverage-TOTAL_FORMS": "1",
            "live_coverage-0-is_live": "on",
            "live_updates-TOTAL_FORMS": "1",
            "live_updates-0-text": "أول تحديث",
            "live_updates-0-published_at_0": now.strftime("%Y-%m-%d"),
            "live_updates-0-published_at_1": now.strftime("%H:%M:%S"),
        }
    )
    response = client.post(f"/admin/articles/article/{published.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert published.live_coverage.is_live
    assert published.live_updates.get().text == "أول تحديث"


# --- Most read -------------------------------------------------------------


def test_read_beacon_counts_without_cookies_or_addresses(client, published):
    response = client.post(f"/read/{published.pk}/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 204
    assert not response.cookies and response["Cache-Control"] == "no-store"
    assert client.get(f"/read/{published.pk}/").status_code == 405
    assert readers.pending_counts(readers.hour_of(timezone.now())) == {published.pk: 1}


def test_flushed_counts_make_the_most_read_block(client, make_article):
    first, second, _third = make_article("الأول"), make_article("الثاني"), make_article("الثالث")
    for n in range(3):  # three readers
        client.post(f"/read/{second.pk}/", REMOTE_ADDR=f"198.51.100.{n + 1}")
    client.post(f"/read/{first.pk}/")
    client.post("/read/999999/")  # no such article: dropped at the flush
    call_command("flush_read_counts", stdout=open("/dev/null", "w"))
    assert ReadCount.objects.get(article=second).views == 3
    assert readers.pending_counts(readers.hour_of(timezone.now())) == {}
    for url in ["/", first.get_absolute_url()]:
        html = client.get(url).content.decode()
        block = re.search(r'<aside class="most-read".*?</aside>', html, re.S).group(0)
        assert "الأكثر قراءة في 24 ساعة" in block
        assert block.index("الثاني") < block.index("الأول")
        assert "3 قراءات" in block and "الثالث" not in block
    # A second flush adds only what was counted since.
    client.post(f"/read/{second.pk}/", REMOTE_ADDR="198.51.100.9")
    readers.flush()
    assert ReadCount.objects.get(article=second).views == 4


def beacon(client, article, address="203.0.113.7", browser="Firefox/140.0"):
    response = client.post(f"/read/{article.pk}/", REMOTE_ADDR=address, HTTP_USER_AGENT=browser)
    assert response.status_code == 204 and response["Cache-Control"] == "no-store"
    return readers.pending_counts(readers.hour_of(timezone.now())).get(article.pk, 0)


def test_the_same_reader_reading_again_soon_counts_once(client, settings, published):
    import time

    settings.MOST_READ_REPEAT_SECONDS = 1
    assert beacon(client, published) == 1
    assert beacon(client, published) == 1  # a reload
    assert beacon(client, published, browser="Chrome/141.0") == 2  # another browser there
    assert beacon(client, published, address="203.0.113.8") == 3  # another address
    time.sleep(1.1)  # the window is over: a new read
    assert beacon(client, published) == 4


def test_an_address_sending_too_many_beacons_is_not_counted_but_answered_as_usual(
    client, settings, make_article
):
    settings.MOST_READ_BEACONS_PER_MINUTE = 3
    articles = [make_article(f"خبر سريع {n}") for n in range(5)]
    counted = [beacon(client, article, address="192.0.2.50") for article in articles]
    assert counted == [1, 1, 1, 0, 0]
    assert beacon(client, articles[4], address="192.0.2.51") == 1  # other readers still count


def test_the_readers_address_is_kept_nowhere(client, published):
    from django.core.cache import cache

    if not hasattr(cache, "_cache"):
        pytest.skip("looks inside the local-memory cache only")
    beacon(client, published, address="203.0.113.77", browser="Safari/18.5")
    call_command("flush_read_counts", stdout=open("/dev/null", "w"))
    stored = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())
    assert "newsdesk:reader:" in stored  # the reader's hash is there, for a while
    assert "203.0.113.77" not in stored and "Safari" not in stored
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert "203.0.113.77" not in dump.getvalue()


def test_in_redis_the_reader_is_only_a_hash_that_expires(client, settings, published):
    import redis

    from .servers import redis_server

    with redis_server() as (port, _process):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
            }
        }
        settings.MOST_READ_BEACONS_PER_MINUTE = 2
        assert beacon(client, published) == 1
        assert beacon(client, published) == 1  # the same reader again, remembered in Redis
        assert beacon(client, published, browser="Chrome/141.0") == 1  # a third: a flood
        server = redis.Redis(port=port)
        keys = server.keys("*")
        readers_seen = [key for key in keys if b"newsdesk:reader:" in key]
        senders = [key for key in keys if b"newsdesk:beacons:" in key]
        assert len(readers_seen) == 1 and 0 < server.ttl(readers_seen[0]) <= 600
        assert len(senders) == 1 and 0 < server.ttl(senders[0]) <= 60
        everything = b" ".join(keys + [server.dump(key) for key in keys])
        assert b"203.0.113.7" not in everything and b"Firefox" not in everything


def test_most_read_leaves_out_old_counts_and_unpublished_articles(make_article, draft):
    old = make_article("خبر قديم")
    hour = readers.hour_of(timezone.now())
    ReadCount.objects.create(article=old, hour=hour - timedelta(hours=30), views=50)
    ReadCount.objects.create(article=draft, hour=hour, views=50)
    assert readers.flush() == 0
    assert readers.most_read() == []


# --- Sharing ---------------------------------------------------------------


def test_share_links_carry_the_canonical_address(client, published, settings):
    settings.SITE_URL = "https://news.example"
    html = client.get(published.get_absolute_url()).content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    from urllib.parse import quote

    encoded = quote(canonical, safe="")
    share = re.search(r'<div class="share".*?</div>', html, re.S).group(0)
    for start in ["https://wa.me/?text=", "https://t.me/share/url?url=", "https://x.com/intent/post?url=",
                  "https://www.facebook.com/sharer/sharer.php?u="]:  # fmt: skip
        link = re.search(f'href="({re.escape(start)}[^"]+)"', share).group(1)
        assert encoded in link.replace("&amp;", "&").replace("+", "%20"), link
    assert f'data-share-url="{canonical}"' in share
    assert "<script" not in share


# --- Pings -----------------------------------------------------------------


# Sending them: tests/test_pings.py.


def test_indexnow_key_file(client, settings):
    assert client.get("/indexnow/abc123456.txt").status_code == 404
    settings.INDEXNOW_KEY = "abc123456"
    response = client.get("/indexnow/abc123456.txt")
    assert response.content == b"abc123456"


def test_feeds_name_the_websub_hub_only_when_one_is_set(client, published, settings):
    assert 'rel="hub"' not in client.get("/feeds/rss/").content.decode()
    settings.WEBSUB_HUB = "https://hub.example/"
    for url, element in [("/feeds/rss/", "atom:link"), ("/feeds/atom/", "link")]:
        feed = client.get(url).content.decode()
        assert f'<{element} href="https://hub.example/" rel="hub"/>' in feed, url
