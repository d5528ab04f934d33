"""The Varnish configuration and purger, against Debian's real varnishd; bans sent by the
task worker, retried when Varnish is down."""

import logging
import socket
import time
import urllib.request

import pytest
from django_tasks_db.models import DBTaskResult

from pagecache import purgers

from .background_tasks import DATABASE_TASKS, run_worker
from .servers import free_port, varnish

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


def test_the_ban_is_sent_by_the_task_worker(front, published, settings, client):
    settings.TASKS = DATABASE_TASKS
    quoted = published.get_absolute_url()
    fetch(front, quoted)
    assert client.get(quoted)["X-Page-Cache"] == "MISS"

    published.title = "عنوان صحح والطابور ينتظر"
    published.save()
    # Our own cache is purged at commit; Varnish keeps its copy until the worker runs.
    assert client.get(quoted)["X-Page-Cache"] == "MISS"
    assert fetch(front, quoted)[0]["X-Cache"] == "HIT"
    run_worker()
    headers, body = fetch(front, quoted)
    assert headers["X-Cache"] == "MISS" and "والطابور ينتظر" in body.decode()
    assert bans().get().status == "SUCCESSFUL"


def bans():
    """The ban tasks (a save enqueues its search document's task as well)."""
    return DBTaskResult.objects.filter(task_path="pagecache.tasks.purge_in_front")


def test_a_varnish_that_never_answers_does_not_slow_the_save(published, settings):
    settings.TASKS = DATABASE_TASKS
    settings.PAGECACHE_PURGERS = ["pagecache.purgers.VarnishPurger"]
    with socket.socket() as silent:  # takes connections (the backlog), answers nothing
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.CACHE_PURGE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        started = time.monotonic()
        published.title = "عنوان حفظ والمخبأ الأمامي صامت"
        published.save()
        assert time.monotonic() - started < purgers.TIMEOUT_SECONDS / 2
    assert bans().get().status == "READY"


def test_a_failed_ban_is_logged_and_tried_again(published, settings, caplog):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_ATTEMPTS, settings.TASK_RETRY_SECONDS = 3, 0
    settings.PAGECACHE_PURGERS = ["pagecache.purgers.VarnishPurger"]
    settings.CACHE_PURGE_URL = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    published.title = "عنوان حفظ والمخبأ الأمامي متوقف"
    published.save()
    with caplog.at_level(logging.ERROR, logger="newsroom.background"):
        for _ in range(3):
            run_worker()
    said = [r.getMessage() for r in caplog.records if r.name == "newsroom.background"]
    assert len(said) == 3 and all("purge_in_front" in line for line in said)
    assert said[0].endswith("it will run again") and said[-1].endswith("giving up")
    assert list(bans().values_list("status", flat=True)) == ["FAILED"] * 3
