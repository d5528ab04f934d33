"""The Varnish configuration and purger, against Debian's real varnishd."""

import urllib.request

import pytest

from .servers import varnish

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pagecache]


def fetch(port, path, **headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


@pytest.fixture
def front(live_server, settings):
    port = int(live_server.url.rsplit(":", 1)[1])
    with varnish(port) as varnish_port:
        settings.CACHE_PURGE_URL = f"http://127.0.0.1:{varnish_port}/"
        settings.PAGECACHE_PURGERS = ["pagecache.purgers.VarnishPurger"]
        yield varnish_port


def test_varnish_keeps_pages_and_a_save_bans_them(front, published):
    quoted = published.get_absolute_url()  # reverse() gives it percent-encoded
    headers, _ = fetch(front, quoted)
    assert headers["X-Cache"] == "MISS"
    headers, body = fetch(front, quoted)
    assert headers["X-Cache"] == "HIT"
    assert f"article:{published.pk}" in headers["Surrogate-Key"].split()

    published.title = "عنوان مصحح بعد النشر"
    published.save()  # commits: the purger bans the tags in Varnish
    headers, body = fetch(front, quoted)
    assert headers["X-Cache"] == "MISS"
    assert "عنوان مصحح بعد النشر" in body.decode()


def test_varnish_keeps_brotli_and_gzip_apart(front, published):
    path = published.get_absolute_url()
    br, _ = fetch(front, path, **{"Accept-Encoding": "gzip, br"})
    gz, _ = fetch(front, path, **{"Accept-Encoding": "gzip"})
    assert br["Content-Encoding"] == "br"
    assert gz["Content-Encoding"] == "gzip"


def test_varnish_passes_private_pages(front, published):
    path = published.get_absolute_url()
    cookie = {"Cookie": "sessionid=abc"}
    fetch(front, path, **cookie)
    headers, _ = fetch(front, path, **cookie)
    assert headers["X-Cache"] == "MISS"
    assert "private" in headers["Cache-Control"]
