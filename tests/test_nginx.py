"""nginx as `make serve` runs it (serving/nginx.conf.template), in front of a live server."""

import gzip
import os
import tempfile
import urllib.request
from pathlib import Path

import pytest

from .servers import nginx

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pagecache]


def fetch(port, path, **headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


@pytest.fixture
def front(live_server, media_root):
    # nginx's workers run as another user: a folder they may read (pytest's are private).
    with tempfile.TemporaryDirectory() as folder:
        static = Path(folder) / "static"
        (static / "css").mkdir(parents=True)
        text = "body { margin-inline: 0; }\n" * 200
        (static / "css/site.css").write_text(text)
        (static / "css/site.css.gz").write_bytes(gzip.compress(text.encode()))
        for path in (Path(folder), static, static / "css"):
            os.chmod(path, 0o755)
        for path in (static / "css").iterdir():
            os.chmod(path, 0o644)
        port = int(live_server.url.rsplit(":", 1)[1])
        with nginx(port, static, media_root) as nginx_port:
            yield nginx_port


def test_pages_pass_through_compressed_once(front, published):
    headers, body = fetch(front, published.get_absolute_url(), **{"Accept-Encoding": "br"})
    assert headers["Content-Encoding"] == "br"
    assert headers["X-Page-Cache"] in ("MISS", "HIT")
    assert "Surrogate-Key" in headers


def test_static_files_come_from_nginx_precompressed(front):
    headers, body = fetch(front, "/static/css/site.css", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"body {")
    assert "X-Page-Cache" not in headers  # never reached Django
