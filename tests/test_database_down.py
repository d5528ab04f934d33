"""PostgreSQL frozen or down: the last copy of a page, else an Arabic 503; a comment
refused with its text.

A real app server (gunicorn) on a PostgreSQL cluster of the test's own, which
the tests freeze (SIGSTOP) and then stop; never the shared server. The tests run
in this file's order: the stopped cluster is the last.
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg2
import pytest

from newsroom import database_wait

from .servers import ROOT, free_port, postgres_cluster, stop, wait_for_port

# The server's deadlines for an answer from the database (DB_WAIT_SECONDS) and for
# connecting (DB_CONNECT_TIMEOUT). A reader waits for both at most: the health
# check of the thread's kept connection, then a new connection.
WAIT_SECONDS = 2
CONNECT_SECONDS = 2
LONGEST_WAIT = WAIT_SECONDS + CONNECT_SECONDS + 1

SEED = """
from tests import factories
section = factories.section("محليات")
factories.article("انقطاع المياه عن حي الزهور", section, body="<p>نص الخبر عن المياه.</p>")
"""


class Unfollowed(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is the answer (urlopen raises it as an HTTPError)


opener = urllib.request.build_opener(Unfollowed)


def request(port, path, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    origin = {"Origin": f"http://127.0.0.1:{port}"}  # as the site's own form sends it
    url = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, origin)
    try:
        with opener.open(url, timeout=15) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def timed(port, path, data=None):
    started = time.monotonic()
    answer = request(port, path, data)
    return *answer, time.monotonic() - started


@pytest.fixture(scope="module")
def site_on_own_postgres(tmp_path_factory):
    logs = tmp_path_factory.mktemp("server") / "server.log"
    with postgres_cluster() as cluster:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DEMO": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
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
                env={
                    **env,
                    "DB_WAIT_SECONDS": str(WAIT_SECONDS),
                    "DB_CONNECT_TIMEOUT": str(CONNECT_SECONDS),
                },
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_port(port, 60, server)
            yield port, cluster, logs
        finally:
            stop(server)


def kept_article(port):
    """The seeded article's address and id, its page now in the page cache."""
    status, _, home = request(port, "/")
    assert status == 200
    article = re.search(r'href="(/articles/[^"]+)"', home).group(1)
    status, headers, page = request(port, article)
    assert status == 200 and "انقطاع المياه" in page
    return article, re.search(r'action="/comments/post/(\d+)/', page).group(1)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass",
)
def test_database_frozen(site_on_own_postgres):
    port, cluster, logs = site_on_own_postgres
    article, article_id = kept_article(port)
    time.sleep(1.2)  # past PAGE_CACHE_SECONDS: only a stale copy is left
    text = "انقطع الماء عندنا منذ الفجر ولم يصل أي إصلاح"

    with cluster.frozen():  # its sockets stay open; nothing answers
        # A page we never kept: the Arabic 503 after the deadline, not after 30 s.
        status, headers, page, took = timed(port, "/sections/%D8%A3%D8%AB%D8%B1/")
        assert status == 503 and took < LONGEST_WAIT
        assert headers["Retry-After"] == "30" and "قاعدة البيانات" in page

        # A page we have: its last copy, at once (the database failed a moment ago).
        status, headers, page, took = timed(port, article)
        assert status == 200 and headers["X-Page-Cache"] == "STALE"
        assert "انقطاع المياه" in page and took < 0.5
        issued = re.search(r'name="issued" value="([^"]+)"', page).group(1)

        # A comment: refused with its text given back, never a 500.
        sent = {"name": "هالة", "email": "h@example.org", "body": text, "issued": issued}
        status, _, page, took = timed(port, f"/comments/post/{article_id}/", sent)
        assert status == 503 and text in page and took < LONGEST_WAIT

    # Thawed: the broken connections were dropped, new ones work.
    deadline = time.monotonic() + 20
    while True:
        status, headers, page = request(port, article)
        if headers.get("X-Page-Cache") != "STALE" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 200 and headers["X-Page-Cache"] == "MISS"
    status, _, _ = request(port, "/sections/%D8%A3%D8%AB%D8%B1/")
    assert status == 404
    status, _, page = request(port, f"/comments/post/{article_id}/", sent)
    assert status == 303  # saved, the reader sent back to the article
    assert "Traceback" not in logs.read_text()


def connect_to(cluster):
    started = time.monotonic()
    with pytest.raises(psycopg2.OperationalError):
        dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
        psycopg2.connect(dsn, connect_timeout=CONNECT_SECONDS)
    return time.monotonic() - started


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass",
)
def test_connecting_to_a_frozen_postmaster_gives_up(site_on_own_postgres):
    _, cluster, _ = site_on_own_postgres
    with cluster.frozen():  # the kernel completes the TCP handshake; nobody answers
        assert connect_to(cluster) < CONNECT_SECONDS + 1  # libpq's own connect_timeout
        # With the wait callback libpq leaves connecting to it: the same limit holds.
        database_wait.install(WAIT_SECONDS, CONNECT_SECONDS)
        try:
            assert connect_to(cluster) < CONNECT_SECONDS + 1
        finally:
            database_wait.install(0, 0)


def test_database_down(site_on_own_postgres):
    port, cluster, logs = site_on_own_postgres
    article, article_id = kept_article(port)

    cluster.halt()
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
