"""Thirty identical posts at once from one commenter store one comment: a constraint holds it.

A real server (gunicorn, several processes and threads) receives the posts over
HTTP at the same moment, on the test's own database: PostgreSQL's test database
itself, or, on SQLite, a file copy of the in-memory test database.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from comments.models import Comment

from .commenting import comment_data

ROOT = Path(__file__).resolve().parents[1]
POSTS = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(tmp_path):
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = urllib.parse.quote(db["USER"] or "")
        password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    # The in-memory test database is copied to a file the server's processes can share.
    copy = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


@contextmanager
def comment_server(tmp_path):
    """gunicorn on a port of its own, with flood limits off so that only the duplicate rule acts."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "SECRET_KEY": settings.SECRET_KEY,  # the form tokens were signed with it
        "DEBUG": "1",  # static files without a collected manifest
        "ALLOWED_HOSTS": "127.0.0.1",
        "COMMENTS_FLOOD_SECONDS": "0",
        "COMMENTS_HOURLY_LIMIT_PER_IP": "0",
        "CACHE_URL": "",
    }
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", "3", "--threads", "10",
               "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None, "gunicorn stopped"
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", env["DATABASE_URL"]
    finally:
        server.terminate()
        server.wait(timeout=20)


def post_all_at_once(url, data, count):
    body = urllib.parse.urlencode(data).encode()
    start = threading.Barrier(count)

    def post(n):
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Origin": url.split("/comments/")[0]}
        )
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("X-Forwarded-For", f"192.0.2.{n + 1}")
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(post, range(count)))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db(transaction=True)
def test_thirty_identical_posts_at_once_store_one_comment(make_article, tmp_path):
    article = make_article()
    data = comment_data(article, email="eager@example.org", body="رحم الله الضحايا")
    urllib.request.install_opener(urllib.request.build_opener(NoRedirects))
    try:
        with comment_server(tmp_path) as (base, url):
            statuses = post_all_at_once(f"{base}/comments/post/{article.pk}/", data, POSTS)
            stored = stored_rows(url, article.pk)
    finally:
        urllib.request.install_opener(None)
    assert sorted(statuses) == [303] + [409] * (POSTS - 1), statuses
    assert stored == 1


def stored_rows(url, article_id):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            query = "SELECT COUNT(*) FROM comments_comment WHERE article_id = ?"
            return db.execute(query, [article_id]).fetchone()[0]
    return Comment.objects.filter(article_id=article_id).count()
