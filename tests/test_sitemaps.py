"""sitemap.xml, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Category
from distribution.sitemaps import ArticleSitemap

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP, "news": NEWS}


def read_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def lastmods(root):
    """{location: lastmod} of a urlset."""
    return {
        url.findtext("sm:loc", namespaces=NS): datetime.fromisoformat(
            url.findtext("sm:lastmod", namespaces=NS)
        )
        for url in root.iterfind("sm:url", NS)
    }


def absolute(path):
    return "http://testserver" + path


@pytest.mark.django_db
def test_sitemap_index_points_at_every_sitemap(client, published):
    root = read_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{SITEMAP}}}sitemapindex"
    sections = ["articles", "sections", "tags", "authors"]
    assert locations(root) == [
        absolute(reverse("distribution:sitemap", args=[s])) for s in sections
    ]
    for entry in root.iterfind("sm:sitemap", NS):
        assert entry.findtext("sm:lastmod", namespaces=NS)
        sitemap = read_xml(client, entry.findtext("sm:loc", namespaces=NS))
        assert sitemap.tag == f"{{{SITEMAP}}}urlset"


@pytest.mark.django_db
def test_article_sitemap_lists_only_published_articles_with_lastmod(
    client, published, draft, scheduled
):
    root = read_xml(client, reverse("distribution:sitemap", args=["articles"]))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    dates = lastmods(root)
    assert list(dates) == [absolute(published.get_absolute_url())]
    assert dates[absolute(published.get_absolute_url())] == published.last_modified


@pytest.mark.django_db
def test_section_tag_and_author_sitemaps_list_what_readers_can_see(client, make_article, author):
    empty_section = Category.objects.create(name="ثقافة", slug="ثقافة")
    silent_author = Author.objects.create(name="كاتب بلا مقالات", slug="كاتب-بلا-مقالات")
    older = make_article("خبر قديم", tags=["مياه"], published_at=timezone.now() - timedelta(days=3))
    newer = make_article("خبر أحدث", tags=["مياه"], published_at=timezone.now() - timedelta(days=1))
    # A draft edited just now must not move the dates readers see.
    make_article(
        "مسودة", status=Article.Status.DRAFT, tags=["مياه", "سري"], authors=[silent_author]
    )
    Article.objects.filter(pk=newer.pk).update(updated_at=newer.published_at)
    Article.objects.filter(pk=older.pk).update(updated_at=older.published_at)

    sections = lastmods(read_xml(client, reverse("distribution:sitemap", args=["sections"])))
    assert sections == {absolute(newer.category.get_absolute_url()): newer.published_at}
    assert absolute(empty_section.get_absolute_url()) not in sections

    tags = lastmods(read_xml(client, reverse("distribution:sitemap", args=["tags"])))
    assert tags == {absolute(reverse("articles:tag", args=["مياه"])): newer.published_at}

    authors = lastmods(read_xml(client, reverse("distribution:sitemap", args=["authors"])))
    assert authors == {absolute(author.get_absolute_url()): newer.published_at}


@pytest.mark.django_db
def test_long_sitemaps_are_paginated_in_the_index(client, make_article, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    make_article("الأول")
    second = make_article("الثاني")
    articles_sitemap = absolute(reverse("distribution:sitemap", args=["articles"]))
    index = locations(read_xml(client, "/sitemap.xml"))
    assert articles_sitemap in index and articles_sitemap + "?p=2" in index
    assert locations(read_xml(client, articles_sitemap + "?p=2")) == [
        absolute(second.get_absolute_url())
    ]
    assert client.get(articles_sitemap + "?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_news_sitemap_lists_the_last_48_hours(client, make_article, draft, scheduled, settings):
    settings.SITE_NAME = "صحيفة الغد"
    now = timezone.now()
    fresh = make_article("خبر عاجل من الميناء", published_at=now - timedelta(hours=47))
    stale = make_article("خبر الأسبوع الماضي", published_at=now - timedelta(hours=49))

    root = read_xml(client, "/news-sitemap.xml")
    assert root.tag == f"{{{SITEMAP}}}urlset"
    [url] = root.findall("sm:url", NS)
    assert url.findtext("sm:loc", namespaces=NS) == absolute(fresh.get_absolute_url())
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "صحيفة الغد"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ar"
    assert news.findtext("news:title", namespaces=NS) == "خبر عاجل من الميناء"
    published_date = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published_date == fresh.published_at
    body = client.get("/news-sitemap.xml").content.decode()
    for hidden in (stale, draft, scheduled):
        assert hidden.title not in body
    assert xmlns_declared(body, "news", NEWS)


def xmlns_declared(body, prefix, uri):
    return f'xmlns:{prefix}="{uri}"' in body


@pytest.mark.django_db
def test_hostile_titles_stay_inside_the_xml(client, make_article):
    title = 'عنوان ]]> </news:title><news:title>مزيف & "x"'
    make_article(title)
    root = read_xml(client, "/news-sitemap.xml")
    assert [t.text for t in root.iterfind(".//news:title", NS)] == [title]


@pytest.mark.django_db
def test_sitemaps_use_site_url_when_configured(client, published, settings):
    settings.SITE_URL = "https://news.example"
    index = locations(read_xml(client, "/sitemap.xml"))
    assert all(loc.startswith("https://news.example/sitemap-") for loc in index)
    for url in ["/sitemap-articles.xml", "/sitemap-sections.xml", "/news-sitemap.xml"]:
        for loc in locations(read_xml(client, url)):
            assert loc.startswith("https://news.example/"), loc


@pytest.mark.django_db
def test_sitemaps_follow_a_trusted_proxy(client, published, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["news.example"]
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "news.example"}
    response = client.get("/sitemap-articles.xml", headers=proxied)
    assert locations(ET.fromstring(response.content)) == [
        "https://news.example" + published.get_absolute_url()
    ]


@pytest.mark.django_db
def test_robots_txt_points_at_both_sitemaps(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    settings.SITE_URL = "https://news.example"
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: https://news.example/sitemap.xml" in lines
    assert "Sitemap: https://news.example/news-sitemap.xml" in lines
