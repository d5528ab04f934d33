"""RSS and Atom feeds, read with a real feed parser."""

import calendar
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import quote

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article, Author, Category

FEED_KINDS = ["rss", "atom"]
HOSTILE_TITLE = 'خبر </script><script>alert(1)</script> ]]> & "اقتباس" <b>عريض</b>'


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    ET.fromstring(response.content)  # well-formed XML, whatever the articles say
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def site_feed(kind):
    return reverse(f"distribution:feed-{kind}")


def seconds(struct):
    return calendar.timegm(struct)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_site_feed_lists_only_published_articles(client, published, draft, scheduled, kind):
    response, feed = read_feed(client, site_feed(kind))
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert [entry.title for entry in feed.entries] == [published.title]
    body = response.content.decode()
    assert draft.title not in body and scheduled.title not in body
    assert "سري" not in body and "مجدول" not in body  # their tags neither


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_entry_carries_the_whole_article_card(client, published, kind):
    response, feed = read_feed(client, site_feed(kind))
    assert feed.feed.language == "ar"
    assert feed.feed.title == "غرفة الأخبار"
    # The RSS description or the Atom subtitle, in Arabic.
    assert feed.feed.get("subtitle") == "آخر الأخبار من غرفة الأخبار"
    entry = feed.entries[0]
    assert entry.title == "المجلس البلدي يقر ميزانية العام الجديد"  # Arabic, byte for byte
    assert entry.summary == published.standfirst
    assert entry.link == "http://testserver" + published.get_absolute_url()
    assert [author.name for author in entry.authors] == ["ليلى منصور"]
    assert [tag.term for tag in entry.tags] == ["سياسة", "ميزانية"]
    assert seconds(entry.published_parsed) == int(published.published_at.timestamp())
    if kind == "atom":
        assert seconds(entry.updated_parsed) == int(published.last_modified.timestamp())
        author_url = published.authors.get().get_absolute_url()
        assert entry.authors[0].href == "http://testserver" + author_url


@pytest.mark.django_db
def test_rss_dates_and_language_are_rfc_correct(client, published):
    response, _ = read_feed(client, site_feed("rss"))
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ar"
    pub_date = channel.find("item").findtext("pubDate")
    assert parsedate_to_datetime(pub_date) == published.published_at.replace(microsecond=0)


@pytest.mark.django_db
def test_atom_feed_declares_its_language(client, published):
    response, _ = read_feed(client, site_feed("atom"))
    root = ET.fromstring(response.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_lead_image_is_an_enclosure_and_media_content_with_caption(client, published, kind):
    _, feed = read_feed(client, site_feed(kind))
    entry = feed.entries[0]
    picture = published.lead_image.for_sharing  # the JPEG rendition made for sharing
    image_url = "http://testserver" + picture.url
    storage = published.lead_image.file.storage
    size = storage.size(picture.url.removeprefix(storage.base_url))
    assert picture.bytes == size > 0
    [enclosure] = entry.enclosures
    assert enclosure.href == image_url
    assert enclosure.length == str(size)
    assert enclosure.type == "image/jpeg"
    [media] = entry.media_content
    assert media["url"] == image_url
    assert (media["width"], media["height"]) == ("64", "34")  # cut to 1.91:1 for sharing
    assert media["medium"] == "image" and media["type"] == "image/jpeg"
    assert entry.content[0].value == "أعضاء المجلس أثناء التصويت"  # media:description
    assert entry.media_credit[0]["content"] == "سامي حداد"


@pytest.mark.django_db
def test_article_without_image_has_no_enclosure(client, make_article):
    make_article("خبر بلا صورة")
    _, feed = read_feed(client, site_feed("rss"))
    assert feed.entries[0].enclosures == []
    assert "media_content" not in feed.entries[0]


@pytest.mark.django_db
def test_every_byline_is_in_the_feed(client, make_article, author):
    second = Author.objects.create(name="عمر الخطيب", slug="عمر-الخطيب")
    make_article("تحقيق مشترك", authors=[author, second])
    for kind in FEED_KINDS:
        _, feed = read_feed(client, site_feed(kind))
        assert sorted(a.name for a in feed.entries[0].authors) == ["عمر الخطيب", "ليلى منصور"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_hostile_title_round_trips_and_cannot_break_the_xml(client, make_article, kind):
    make_article(HOSTILE_TITLE, standfirst="ملخص ]]> <i>مائل</i> & نهاية")
    _, feed = read_feed(client, site_feed(kind))
    assert feed.entries[0].title == HOSTILE_TITLE
    # The description is HTML: the standfirst's text arrives escaped, as text.
    assert feed.entries[0].summary == "ملخص ]]&gt; &lt;i&gt;مائل&lt;/i&gt; &amp; نهاية"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_section_tag_and_author_feeds_hold_their_own_articles(client, make_article, author, kind):
    sport = Category.objects.create(name="رياضة", slug="رياضة")
    other = Author.objects.create(name="سلمى يوسف", slug="سلمى-يوسف")
    politics = make_article("الحكومة تعلن خطة جديدة", tags=["اقتصاد"])
    match = make_article("الفريق يتأهل إلى النهائي", category=sport, authors=[other])
    make_article("مسودة رياضية", category=sport, status=Article.Status.DRAFT, tags=["اقتصاد"])

    expectations = {
        reverse(f"distribution:category-{kind}", args=[sport.slug]): [match.title],
        reverse(f"distribution:tag-{kind}", args=["اقتصاد"]): [politics.title],
        reverse(f"distribution:author-{kind}", args=[author.slug]): [politics.title],
        reverse(f"distribution:author-{kind}", args=[other.slug]): [match.title],
    }
    for url, titles in expectations.items():
        _, feed = read_feed(client, url)
        assert [entry.title for entry in feed.entries] == titles, url
    _, feed = read_feed(client, reverse(f"distribution:category-{kind}", args=[sport.slug]))
    assert feed.feed.title == "رياضة | غرفة الأخبار"
    assert feed.feed.link == "http://testserver" + sport.get_absolute_url()


@pytest.mark.django_db
def test_feed_urls_take_arabic_slugs_raw_or_encoded(client, published):
    raw = f"/sections/{published.category.slug}/rss/"
    assert client.get(raw).status_code == 200
    assert client.get(quote(raw)).status_code == 200


@pytest.mark.django_db
def test_feeds_of_unknown_or_hidden_subjects_do_not_exist(client, published, draft):
    for url in [
        "/sections/لا-يوجد/rss/",
        "/authors/لا-يوجد/atom/",
        "/tags/لا-يوجد/rss/",
        f"/tags/{draft.tags.get().slug}/rss/",  # a tag that only a draft carries
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_links_use_site_url_when_configured(client, published, settings, kind):
    settings.SITE_URL = "https://news.example"
    response, feed = read_feed(client, site_feed(kind))
    entry = feed.entries[0]
    assert entry.link == "https://news.example" + published.get_absolute_url()
    assert entry.enclosures[0].href == "https://news.example" + published.lead_image.for_sharing.url
    assert feed.feed.link == "https://news.example/"
    assert "http://testserver" not in response.content.decode()


@pytest.mark.django_db
def test_feed_links_follow_the_proxy_scheme_when_trusted(client, published, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"Host": "testserver", "X-Forwarded-Proto": "https"}
    entry = feedparser.parse(client.get(site_feed("rss"), headers=proxied).content).entries[0]
    assert entry.link == "https://testserver" + published.get_absolute_url()


@pytest.mark.django_db
def test_feed_entries_keep_their_id_when_the_slug_changes(client, published):
    _, before = read_feed(client, site_feed("atom"))
    published.slug = "عنوان-جديد"
    published.save()
    _, after = read_feed(client, site_feed("atom"))
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].link != after.entries[0].link


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client, published):
    site_links = [
        '<link rel="alternate" type="application/rss+xml" title="غرفة الأخبار (RSS)"'
        ' href="/feeds/rss/">',
        '<link rel="alternate" type="application/atom+xml" title="غرفة الأخبار (Atom)"'
        ' href="/feeds/atom/">',
    ]
    section = published.category
    author = published.authors.get()
    pages = {
        "/": [],
        published.get_absolute_url(): [],
        section.get_absolute_url(): [
            reverse("distribution:category-rss", args=[section.slug]),
            reverse("distribution:category-atom", args=[section.slug]),
        ],
        reverse("articles:tag", args=["ميزانية"]): [
            reverse("distribution:tag-rss", args=["ميزانية"]),
            reverse("distribution:tag-atom", args=["ميزانية"]),
        ],
        author.get_absolute_url(): [
            reverse("distribution:author-rss", args=[author.slug]),
            reverse("distribution:author-atom", args=[author.slug]),
        ],
    }
    for page, own_feeds in pages.items():
        html = client.get(page).content.decode()
        head = html[: html.index("</head>")]
        for link in site_links:
            assert link in head, page
        for feed_url in own_feeds:
            assert f'href="{feed_url}"' in head, page
            assert client.get(feed_url).status_code == 200, feed_url
