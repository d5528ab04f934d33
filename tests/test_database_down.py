"""PostgreSQL down: the last copy of a page, else an Arabic 503; a comment refused with its text.

A real app server (gunicorn) on a PostgreSQL cluster of the test's own, which
the test stops; never the shared server.
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .servers import ROOT, free_port, postgres_cluster, stop, wait_for_port

SEED = """
from tests import factories
section = factories.section("محليات")
factories.article("انقطاع المياه عن حي الزهور", section, body="<p>نص الخبر عن المياه.</p>")
"""


def request(port, path, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", body, timeout=15) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def site_on_own_postgres(tmp_path_factory):
    logs = tmp_path_factory.mktemp("server") / "server.log"
    with postgres_cluster() as (pg_port, halt):
        env = {
            **os.environ,
            "DEBUG": "1",
            "DEMO": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/postgres",
            "CACHE_URL": "",
            "PAGE_CACHE_SECONDS": "1",
            "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "shell", "-c", SEED], cwd=ROOT, env=env, check=True)
        port = free_port()
        with open(logs, "w") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "newsroom.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    "1",
                    "--threads",
                    "2",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_port(port, 60, server)
            yield port, halt, logs
        finally:
            stop(server)


def test_database_down(site_on_own_postgres):
    port, halt, logs = site_on_own_postgres
    status, _, home = request(port, "/")
    assert status == 200
    article = re.search(r'href="(/articles/[^"]+)"', home).group(1)
    status, headers, page = request(port, article)
    assert status == 200 and "انقطاع المياه" in page
    article_id = re.search(r'action="/comments/post/(\d+)/', page).group(1)

    halt()
    time.sleep(1.2)  # past PAGE_CACHE_SECONDS: only a stale copy is left

    # A page we have: its last copy, marked as such.
    status, headers, page = request(port, article)
    assert status == 200 and "انقطاع المياه" in page
    assert headers["X-Page-Cache"] == "STALE"

    # A page we never kept: the Arabic 503, with Retry-After.
    for _ in range(20):
        status, headers, page = request(port, "/sections/%D9%84%D8%A7-%D8%B4%D9%8A%D8%A1/")
        assert status == 503
    assert headers["Retry-After"] == "30"
    assert 'lang="ar"' in page and "قاعدة البيانات" in page

    # A comment: refused, its text given back, never a 500.
    text = "أرجو إصلاح الأنابيب في شارعنا قبل الشتاء"
    status, _, page = request(
        port,
        f"/comments/post/{article_id}/",
        {"name": "سعاد", "email": "s@example.org", "body": text},
    )
    assert status == 503
    assert text in page

    said = logs.read_text()
    assert said.count("The database is unavailable") == 1
    assert "Traceback" not in said
