"""A read replica serves readers' page views; writes, staff and anyone who just wrote use
the primary. Run in a process of its own, configured as production would be, with the
replica pointing at a copy of the same database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory

from newsroom.replica import is_readers_request

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
call_command("migrate", verbosity=0)
from tests import factories
section = factories.section("سياسة")
article = factories.article("خبر للقراء", section)
used = {"default": 0, "replica": 0}
def counter(alias):
    def count(execute, sql, params, many, context):
        used[alias] += 1
        return execute(sql, params, many, context)
    return count
def aliases_for(method, url, cookies=None, **data):
    for key in used: used[key] = 0
    client = Client()
    for name, value in (cookies or {}).items():
        client.cookies[name] = value
    headers = {"HTTP_ORIGIN": "http://testserver"} if method == "post" else {}
    with connections["default"].execute_wrapper(counter("default")), \
         connections["replica"].execute_wrapper(counter("replica")):
        response = getattr(client, method)(url, data, **headers)
    return {k: v for k, v in used.items() if v}, response
result = {}
result["reader"], _ = aliases_for("get", article.get_absolute_url())
result["staff"], _ = aliases_for("get", article.get_absolute_url(), {"sessionid": "x"})
result["search"], _ = aliases_for("get", "/search/", q="خبر")
comment = {"name": "قارئ", "email": "a@example.org", "body": "تعليق"}
result["post"], response = aliases_for("post", f"/comments/post/{article.pk}/", **comment)
result["pin"] = response.cookies["newsroom_primary"]["max-age"]
pinned = {"newsroom_primary": "1"}
result["after_post"], _ = aliases_for("get", article.get_absolute_url(), pinned)
print(json.dumps(result))
"""


def run_with_replica(database_url, replica_url):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="1",
        DATABASE_URL=database_url,
        DATABASE_REPLICA_URL=replica_url,
        PAGE_CACHE="0",  # every request reaches the database: which one is the question
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def database_urls(tmp_path):
    """The primary and a "replica" that is the same database under another alias."""
    if connection.vendor == "postgresql":
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/newsroom_replica_test"
        return url, url
    url = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    return url, url


def test_readers_read_from_the_replica_and_writers_from_the_primary(database_urls):
    if database_urls[0].startswith("postgres"):
        pytest.importorskip("psycopg2")
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres",
                        "newsroom_replica_test"], check=True)  # fmt: skip
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres",
                        "newsroom_replica_test"], check=True)  # fmt: skip
    used = run_with_replica(*database_urls)
    assert set(used["reader"]) == {"replica"}
    assert set(used["staff"]) == {"default"}
    assert set(used["search"]) == {"replica"}  # its own SQL too
    assert set(used["post"]) == {"default"}
    assert int(used["pin"]) == 15
    assert set(used["after_post"]) == {"default"}


@pytest.mark.parametrize(
    "method, path, cookies, expected",
    [
        ("get", "/", {}, True),
        ("head", "/sections/سياسة/", {}, True),
        ("get", "/admin/articles/article/", {}, False),
        ("get", "/", {"sessionid": "x"}, False),
        ("get", "/", {"newsroom_primary": "1"}, False),
        ("post", "/comments/post/1/", {}, False),
    ],
)
def test_which_requests_are_readers(method, path, cookies, expected):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    assert is_readers_request(request) is expected
