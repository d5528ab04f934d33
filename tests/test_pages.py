"""What readers see on each page."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from articles.views import HOME_LATEST

from .conftest import library_image


@pytest.mark.django_db
def test_pages_are_arabic_and_right_to_left(client, published):
    for url in ["/", published.get_absolute_url(), published.category.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in html, url
        assert 'rel="icon" href="/static/img/favicon.png"' in html, url  # no /favicon.ico 404s


@pytest.mark.django_db
def test_unicode_slug_urls_resolve_encoded_or_not(client, make_article):
    article = make_article("وزير الصحة يفتتح مستشفى جديدا")
    assert article.slug == "وزير-الصحة-يفتتح-مستشفى-جديدا"
    raw = f"/articles/{article.slug}/"
    assert article.get_absolute_url() == quote(raw)
    assert client.get(raw).status_code == 200
    assert client.get(quote(raw)).status_code == 200
    section = article.category
    assert client.get(section.get_absolute_url()).status_code == 200
    assert client.get(f"/sections/{section.slug}/").status_code == 200


@pytest.mark.django_db
def test_slugs_drop_diacritics_and_stay_unique(make_article):
    first = make_article("الْمَجْلِسُ يَجْتَمِعُ")
    second = make_article("المجلس يجتمع")
    assert first.slug == "المجلس-يجتمع"
    assert second.slug == "المجلس-يجتمع-2"


@pytest.mark.django_db
def test_article_page_shows_the_whole_story(client, published, make_article):
    photo = library_image("صورة السوق")
    published.body = (
        "<p>فقرة أولى.</p><h2>خلفية القرار</h2><p>تفاصيل.</p>"
        f'<figure data-image="{photo.pk}"><figcaption>السوق القديم صباحا</figcaption></figure>'
    )
    published.save()
    related = make_article("خبر آخر من القسم نفسه")
    html = client.get(published.get_absolute_url()).content.decode()
    assert '<nav class="breadcrumb"' in html and published.category.name in html
    assert f'<h1 class="article-title">{published.title}</h1>' in html
    assert published.standfirst in html
    assert 'rel="author"' in html and "ليلى منصور" in html
    assert "<h2>خلفية القرار</h2>" in html
    assert "<figcaption>السوق القديم صباحا</figcaption>" in html
    assert related.title in html  # related from the same section
    assert 'rel="tag"' in html and "ميزانية" in html


@pytest.mark.django_db
def test_lead_image_caption_and_credit_are_in_figcaption(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="lead-figure">') : html.index("</figure>")]
    assert 'alt="قاعة المجلس البلدي"' in figure
    assert 'width="64" height="36"' in figure
    caption = figure[figure.index("<figcaption>") :]
    assert "أعضاء المجلس أثناء التصويت" in caption
    assert "سامي حداد" in caption


@pytest.mark.django_db
def test_date_line_is_arabic_with_weekday_month_name_time_and_hijri(client, make_article, settings):
    settings.TIME_ZONE = "Asia/Riyadh"
    article = make_article(published_at=datetime(2024, 9, 18, 10, 0, tzinfo=UTC))
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<time datetime="2024-09-18T13:00:00+03:00">الأربعاء 18 سبتمبر 2024 – 13:00</time>' in html
    )
    assert "15 ربيع الأول 1446 هـ" in html


@pytest.mark.django_db
def test_date_line_uses_the_site_time_zone(client, make_article, settings):
    settings.TIME_ZONE = "Asia/Riyadh"
    # 22:30 UTC on Tuesday is already Wednesday in Riyadh.
    article = make_article(published_at=datetime(2024, 9, 17, 22, 30, tzinfo=UTC))
    assert "الأربعاء 18 سبتمبر 2024" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_section_pages_paginate_newest_first_with_arabic_labels(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    articles = [
        make_article(f"خبر الترتيب {i}", published_at=now - timedelta(days=i)) for i in range(5)
    ]
    url = articles[0].category.get_absolute_url()
    first = client.get(url).content.decode()
    assert first.index("خبر الترتيب 0") < first.index("خبر الترتيب 1")
    assert "خبر الترتيب 2" not in first
    assert "الصفحة التالية" in first and "الصفحة السابقة" not in first
    assert "الصفحة 1 من 3" in first
    last = client.get(url + "?page=3").content.decode()
    assert "خبر الترتيب 4" in last and "الصفحة السابقة" in last and "الصفحة التالية" not in last
    assert client.get(url + "?page=9").status_code == 404
    assert client.get(url + "?page=abc").status_code == 404


@pytest.mark.django_db
def test_tag_and_author_pages_paginate(client, make_article, author, settings):
    settings.ARTICLES_PER_PAGE = 2
    for i in range(3):
        make_article(f"خبر موسوم {i}", tags=["انتخابات"])
    tag_url = reverse("articles:tag", args=["انتخابات"])
    assert "الصفحة 1 من 2" in client.get(tag_url).content.decode()
    assert "الصفحة 2 من 2" in client.get(tag_url + "?page=2").content.decode()
    assert "الصفحة 1 من 2" in client.get(author.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_home_has_lead_latest_and_section_blocks(client, make_article):
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    lead = make_article(
        "الخبر الرئيسي المميز", is_featured=True, published_at=timezone.now() - timedelta(days=3)
    )
    newest = make_article("أحدث خبر سياسي")
    for i in range(HOME_LATEST):
        make_article(f"خبر سياسي أقدم {i}")
    match = make_article("النادي يفوز بالكأس", category=sport)  # older than the latest news
    html = client.get("/").content.decode()
    assert html.index(lead.title) < html.index('id="latest-heading"')
    assert html.count("card--lead") == 1
    assert newest.title in html and match.title in html
    assert '<section class="section-block"' in html
    assert f'href="{sport.get_absolute_url()}">رياضة</a></h2>' in html


@pytest.mark.django_db
def test_no_article_appears_twice_on_the_home_page(client, make_article, category):
    """The latest news and the section blocks share no article (the issue saw one twice)."""
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    made = [make_article(category=[category, sport][i % 2]) for i in range(HOME_LATEST + 6)]
    html = client.get("/").content.decode()
    cards = re.findall(r'<h[23] class="card-title"><a href="([^"]+)"', html)
    assert len(cards) > HOME_LATEST + 1
    assert len(cards) == len(set(cards)), cards
    assert {a.get_absolute_url() for a in made} >= set(cards)


@pytest.mark.django_db
def test_missing_pages_are_arabic_404s(client, published):
    for url in ["/articles/لا-يوجد/", "/sections/لا-يوجد/", "/authors/x/", "/tags/x/", "/nothing/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "الصفحة غير موجودة" in response.content.decode(), url


def test_server_error_page_is_arabic_and_needs_no_database():
    html = render_to_string("500.html")
    assert 'dir="rtl"' in html and "حدث خطأ" in html


@pytest.mark.django_db
def test_empty_site_home_page_says_so(client):
    assert "لم تنشر أي مقالات بعد" in client.get("/").content.decode()


@pytest.mark.django_db
def test_update_line_shows_after_a_correction(client, published):
    Article.objects.filter(pk=published.pk).update(
        published_at=timezone.now() - timedelta(days=1), revised_at=timezone.now()
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "آخر تحديث" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?status__exact=%00",
        "/articles/%00/",
        "/tags/a%00/rss/",
        "/comments/%00/rss/",
        "/search/?q=%00",
        "/?page=1%00",
        "/nothing%00here/",
    ],
)
def test_nul_characters_are_a_clear_arabic_400(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "طلب غير صالح" in response.content.decode()


def test_error_pages_need_no_request_context():
    assert "طلب غير صالح" in render_to_string("400.html")
    assert "حدث خطأ" in render_to_string("500.html")


@pytest.mark.django_db
def test_newest_by_section_ranks_within_each_section_among_the_newest(make_article):
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    now = timezone.now()
    politics = [make_article(published_at=now - timedelta(hours=h)) for h in (1, 2, 3)]
    old_match = make_article(category=sport, published_at=now - timedelta(days=30))
    published = Article.objects.published()
    newest = list(published.newest_by_section(per_section=2))
    assert newest == politics[:2] + [old_match]
    # Only the newest `among` articles compete: an old section drops out.
    assert list(published.newest_by_section(per_section=2, among=3)) == politics[:2]


@pytest.mark.django_db
def test_lead_story_is_the_newest_featured_else_the_newest(make_article):
    now = timezone.now()
    newest = make_article(published_at=now - timedelta(hours=1))
    assert Article.objects.published().lead_story() == newest
    featured = make_article(is_featured=True, published_at=now - timedelta(days=2))
    make_article(is_featured=True, published_at=now - timedelta(days=3))
    assert Article.objects.published().lead_story() == featured
