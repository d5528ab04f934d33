"""The front page's look as markup: type, logo, times, digits, themes, print."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from arabic.digits import arabic_indic_html

pytestmark = pytest.mark.django_db
STATIC = Path(django_settings.BASE_DIR) / "static"


def test_fonts_are_self_hosted_preloaded_and_swap(client, published):
    html = client.get("/").content.decode()
    preloads = re.findall(
        r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html
    )
    assert len(preloads) == 2 and all(p.startswith("/static/fonts/") for p in preloads)
    css = (STATIC / "css/site.css").read_text()
    faces = re.findall(r"@font-face \{.*?\}", css, re.S)
    # Three faces, each in two files (tests/test_fonts.py).
    assert len(faces) == 6 and all("font-display: swap" in face for face in faces)
    for name in re.findall(r'url\("\.\./fonts/([^"]+)"\)', css):
        assert (STATIC / "fonts" / name).stat().st_size < 60_000, name
    assert (STATIC / "fonts/OFL.txt").exists()


def test_no_italics_in_arabic(client):
    css = (STATIC / "css/site.css").read_text()
    assert "font-style: italic" not in css
    assert re.search(r"em, i, cite[^{]*\{ font-style: normal; \}", css)


def test_site_logo_replaces_the_text_mark(client, published, settings):
    assert '<a class="site-name" href="/">غرفة الأخبار</a>' in client.get("/").content.decode()
    settings.SITE_LOGO = "img/logo.png"
    html = client.get("/").content.decode()
    assert '<img src="/static/img/logo.png" alt="غرفة الأخبار" height="40">' in html


def test_cards_show_the_time_and_home_cards_say_how_long_ago(client, make_article):
    recent = make_article("خبر الساعة", published_at=timezone.now() - timedelta(hours=3, minutes=5))
    old = make_article("خبر الأسبوع", published_at=timezone.now() - timedelta(days=3))
    home = client.get("/").content.decode()
    assert re.search(r'<time datetime="[^"]+">منذ 3 ساعات</time>', home)
    local = timezone.localtime(old.published_at)
    assert f"{local:%Y} – {local:%H:%M}</time>" in home
    section = client.get(recent.category.get_absolute_url()).content.decode()
    assert "منذ" not in section  # elsewhere the date and time in full


def test_arabic_indic_digits_everywhere_readers_read(client, make_article, settings):
    settings.DIGITS = "arabic-indic"
    settings.ARTICLES_PER_PAGE = 1
    article = make_article("الميزانية تبلغ 42 مليونًا")
    make_article()
    section = client.get(article.category.get_absolute_url()).content.decode()
    assert "الصفحة ١ من ٢" in section
    text = re.sub(r"<script.*?</script>", "", section, flags=re.S)  # JSON-LD keeps Latin
    assert "٤٢ مليونًا" in text and "42 مليونًا" not in text
    assert 'datetime="20' in section  # attributes keep Latin digits
    # Input in either script: page ٢ is page 2.
    second = client.get(article.category.get_absolute_url() + "?page=٢")
    assert second.status_code == 200 and "الصفحة ٢ من ٢" in second.content.decode()


def test_digits_touch_only_text():
    html = '<a href="/p/12/" title="3">رقم 12 &#x27; &amp;</a><script>var a = 5;</script>'
    assert arabic_indic_html(html) == (
        '<a href="/p/12/" title="3">رقم ١٢ &#x27; &amp;</a><script>var a = 5;</script>'
    )


def test_dark_mode_and_print_stylesheets(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert '<script src="/static/js/theme.js" async></script>' in html
    assert "data-theme-switch" in html
    css = (STATIC / "css/site.css").read_text()
    assert "color-scheme: light dark" in css and ':root[data-theme="dark"]' in css
    printing = (STATIC / "css/print.css").read_text()
    assert 'content: " (" attr(href) ")"' in printing and ".sections-nav" in printing


def test_reader_pages_set_no_cookie_and_carry_no_csrf_token(client, published):
    for url in ["/", published.get_absolute_url(), published.category.get_absolute_url()]:
        response = client.get(url)
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url


def test_search_results_have_thumbnails(client, published):
    html = client.get("/search/", {"q": "ميزانية"}).content.decode()
    result = re.search(r'<article class="card search-result">.*?</article>', html, re.S).group(0)
    assert "<picture" in result or "<img" in result
