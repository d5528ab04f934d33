"""Every kind of page, reader and admin, carries the strict CSP and the other security headers."""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

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
    styles = ["'self'", "'unsafe-inline'"] if desk else ["'self'", settings.BODY_EDITOR_STYLE_HASH]
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
