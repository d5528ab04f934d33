"""Every kind of page, reader and admin, carries the strict CSP and the other security headers."""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client

from newsroom import stylesheets

from .crawler import crawl

EXPECTED = {
    "Permissions-Policy": "camera=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}
ADMIN_PAGES = [
    "/admin/",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/images/image/",
    "/admin/images/image/add/",
    "/admin/comments/comment/",
    "/admin/auth/user/",
    "/admin/unlock-sign-in/",
    "/admin/password_change/",
]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def import_map_hashes(response):
    maps = re.findall(rb'<script type="importmap">(.*?)</script>', response.content, re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'" for m in maps]


def assert_locked_down(response, url):
    csp = directives(response)
    assert csp["default-src"] == ["'self'"], url
    # No 'unsafe-inline', no host of anyone else; the body editor's import map by its hash.
    script_src = ["'self'", *import_map_hashes(response)]
    assert csp["script-src"] == script_src, url
    # Inline styles on the desk only (the body editor's); reader pages keep the hash.
    desk = url.startswith("/admin/")
    reader_styles = ["'self'", settings.BODY_EDITOR_STYLE_HASH]
    if "text/html" in response.get("Content-Type", ""):
        reader_styles.append(stylesheets.csp_hash())  # the stylesheet written into the page
    styles = ["'self'", "'unsafe-inline'"] if desk else reader_styles
    assert csp["style-src"] == styles, url
    assert "'unsafe-inline'" not in csp["script-src"], url
    assert csp["frame-ancestors"] == ["'none'"], url
    assert csp["object-src"] == ["'none'"], url
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"], url
    for header, value in EXPECTED.items():
        assert value in response.get(header, ""), (url, header)


@pytest.fixture
def site(make_article, published):
    make_article("خبر ثان للرؤوس", tags=["رؤوس"], image=True)
    return published


@pytest.mark.django_db
def test_every_reader_page_kind_carries_the_headers(site, client):
    pages = crawl(client)
    kinds = {page.url.split("/")[1] for page in pages}
    # Home, article, section, tag, author, search, feeds, sitemaps, robots, a 404.
    assert {"", "articles", "sections", "tags", "authors", "search", "feeds"} <= kinds
    assert {"sitemap.xml", "robots.txt", "no-such-page-for-the-crawler"} <= kinds
    for page in pages:
        response = client.get(page.url)
        assert_locked_down(response, page.url)


@pytest.mark.django_db
def test_admin_pages_and_errors_carry_the_headers(site, client):
    superuser = User.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    anonymous = Client()
    assert_locked_down(anonymous.get("/admin/login/"), "/admin/login/")
    client.force_login(superuser)
    editor_pages = 0
    for url in [*ADMIN_PAGES, f"/admin/articles/article/{site.pk}/change/", f"/preview/{site.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_locked_down(response, url)
        editor_pages += bool(import_map_hashes(response))
    assert editor_pages == 2  # the article's add and change forms
    for url, status in [("/no-such-page/", 404), ("/?q=%00", 400), ("/healthz", 200)]:
        response = anonymous.get(url)
        assert response.status_code == status, url
        assert_locked_down(response, url)
    assert_locked_down(anonymous.post("/healthz"), "POST /healthz")


def test_media_on_a_host_of_our_own_is_allowed_for_images_only(monkeypatch):
    import subprocess
    import sys

    code = (
        "from django.conf import settings; d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(d['img-src'], d['script-src'])"
    )
    env = {
        "DEBUG": "1",
        "MEDIA_URL": "https://media.newsroom.example/files/",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "[\"'self'\", 'https://media.newsroom.example'] [\"'self'\"]"


@pytest.mark.django_db
def test_reader_pages_carry_the_stylesheet_inline_allowed_by_that_text_only(client):
    response = client.get("/")
    blocks = re.findall(rb"<style>(.*?)</style>", response.content, re.S)
    assert len(blocks) == 1 and b".site-header" in blocks[0]
    assert b"css/site" not in response.content  # no linked copy holding back the first paint
    digest = f"'sha256-{base64.b64encode(hashlib.sha256(blocks[0]).digest()).decode()}'"
    assert digest in directives(response)["style-src"]
    assert "'unsafe-inline'" not in directives(response)["style-src"]
    # Relative addresses would resolve against the page: they are static ones now.
    fonts = re.findall(rb'url\("([^"]+)"\)', blocks[0])
    assert len(fonts) == 3
    for url in fonts:
        name = url.decode().removeprefix(settings.STATIC_URL)
        assert url.decode().startswith(settings.STATIC_URL) and finders.find(name), url
