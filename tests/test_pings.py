"""WebSub and IndexNow pings: sent by the task worker, retried when the remote server fails,
and, for a scheduled article, sent when its publication time comes (not before, not twice).

The hub and the IndexNow endpoint are one small HTTP server the test starts on a free
port, recording what it receives and answering what the test tells it to."""

import json
import logging
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from articles.models import Article

from .conftest import article_form_data

SITE = "https://news.example"
KEY = "a1b2c3d4e5f6"


class Recorder(BaseHTTPRequestHandler):
    """Records each POST; answers the next status the test queued (202 when none is)."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            status = self.server.statuses.pop(0) if self.server.statuses else 202
            self.server.received.append((self.path, self.headers["Content-Type"], body, status))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def remote():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.received, server.statuses, server.lock = [], [], threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def pinging(settings, remote):
    """Pings on, both of them pointed at the recording server."""
    address = f"http://127.0.0.1:{remote.server_port}"
    settings.SITE_URL = SITE
    settings.WEBSUB_HUB = address + "/hub"
    settings.INDEXNOW_KEY = KEY
    settings.INDEXNOW_ENDPOINT = address + "/indexnow"
    return remote


def ping_tasks():
    return DBTaskResult.objects.filter(task_path="newsdesk.tasks.send_pings")


def paths(remote):
    return [path for path, *_ in remote.received]


def delivered(remote):
    return [path for path, _type, _body, status in remote.received if status < 300]


def time_passes(seconds):
    """The clock moves on by `seconds`: every stored time moves back instead, the
    articles' publication times and the deferred tasks' times alike (no sleeping)."""
    delta = timedelta(seconds=seconds)
    Article.objects.update(published_at=F("published_at") - delta)  # no save: no new task
    for row in DBTaskResult.objects.filter(status="READY").exclude(run_after=get_date_max()):
        row.run_after -= delta
        args = row.args_kwargs["args"]
        if args[1] is not None:
            args[1] = (datetime.fromisoformat(args[1]) - delta).isoformat()
        row.save(update_fields=["run_after", "args_kwargs"])


def publish(article, **fields):
    article.status = fields.pop("status", Article.Status.PUBLISHED)
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()


# --- Pings as a task -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_pings_are_off_by_default(worker, draft, remote):
    publish(draft)
    assert ping_tasks().count() == 0


def test_publishing_pings_websub_and_indexnow_once_each_with_the_canonical_address(
    pinging, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(draft)
    assert pinging.received == []  # nothing before the commit
    for callback in callbacks:
        callback()  # the commit: the immediate backend runs the task here
    (hub_path, _, hub_body, _), (now_path, now_type, now_body, _) = pinging.received
    assert hub_path == "/hub"
    assert parse_qs(hub_body.decode())["hub.mode"] == ["publish"]
    assert parse_qs(hub_body.decode())["hub.url"] == [f"{SITE}/feeds/rss/", f"{SITE}/feeds/atom/"]
    assert now_path == "/indexnow" and now_type.startswith("application/json")
    payload = json.loads(now_body)
    assert payload["key"] == KEY and payload["host"] == "news.example"
    assert payload["urlList"] == [SITE + draft.get_absolute_url()]
    assert payload["keyLocation"] == f"{SITE}/indexnow/{KEY}.txt"


@pytest.mark.django_db(transaction=True)
def test_the_save_only_enqueues_and_the_worker_pings(pinging, worker, draft):
    publish(draft)
    assert pinging.received == []  # the editor's save waited for no remote server
    task = ping_tasks().get()
    assert task.status == "READY" and task.task_path == "newsdesk.tasks.send_pings"
    worker()
    assert paths(pinging) == ["/hub", "/indexnow"]
    assert ping_tasks().get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_server_answering_503_is_pinged_again_and_the_failure_logged(
    pinging, worker, draft, caplog
):
    pinging.statuses[:] = [503]  # the hub is down once, then fine
    publish(draft)
    with caplog.at_level(logging.ERROR, logger="newsroom.background"):
        worker()
        worker()  # the second attempt, enqueued by the first
    assert [(p, s) for p, _t, _b, s in pinging.received] == [
        ("/hub", 503), ("/indexnow", 202), ("/hub", 202), ("/indexnow", 202)]  # fmt: skip
    (failure,) = [r for r in caplog.records if r.name == "newsroom.background"]
    assert "send_pings" in failure.getMessage() and "it will run again" in failure.getMessage()
    assert "503" in failure.exc_text
    statuses = ping_tasks().order_by("enqueued_at").values_list("status", flat=True)
    assert list(statuses) == ["FAILED", "SUCCESSFUL"]


def test_a_refused_connection_is_tried_again_until_the_attempts_run_out(
    pinging, settings, published, caplog, django_capture_on_commit_callbacks
):
    settings.TASK_ATTEMPTS = 2
    with socket_closed() as address:
        settings.WEBSUB_HUB = address
        with caplog.at_level(logging.ERROR, logger="newsroom.background"):
            with django_capture_on_commit_callbacks(execute=True):
                publish(published, title="عنوان مصحح", revised_at=timezone.now())
    messages = [r.getMessage() for r in caplog.records if r.name == "newsroom.background"]
    assert len(messages) == 2 and messages[1].endswith("giving up")
    assert paths(pinging) == ["/indexnow", "/indexnow"]  # the other ping was not held up


@pytest.mark.django_db(transaction=True)
def test_a_4xx_is_logged_and_not_tried_again(pinging, worker, draft, caplog):
    pinging.statuses[:] = [202, 403]  # IndexNow does not take our key
    publish(draft)
    with caplog.at_level(logging.WARNING, logger="newsdesk.pings"):
        worker()
        worker()
    assert paths(pinging) == ["/hub", "/indexnow"]
    assert ping_tasks().get().status == "SUCCESSFUL"
    assert any("refused with 403" in r.getMessage() for r in caplog.records)


def test_saving_a_draft_or_changing_only_tags_pings_nothing(
    pinging, draft, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "مسودة معدلة"
        draft.save()
        published.comments_open = False
        published.save()
        published.tags.add("جديد")
    assert pinging.received == []


def test_a_correction_in_the_admin_pings_again(
    client, desk_editor, pinging, published, django_capture_on_commit_callbacks
):
    client.force_login(desk_editor)
    data = article_form_data(published, title="عنوان بعد التصحيح", correction="صُحّح العنوان")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/article/{published.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert paths(pinging) == ["/hub", "/indexnow"]


@pytest.mark.django_db(transaction=True)
def test_an_article_no_longer_public_when_the_task_runs_is_not_pinged(pinging, worker, draft):
    publish(draft)
    publish(draft, status=Article.Status.DRAFT)  # unpublished before the worker came round
    worker()
    assert pinging.received == []
    assert ping_tasks().get().status == "SUCCESSFUL"


# --- Scheduled articles ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_article_is_pinged_when_its_time_comes(pinging, worker, draft):
    due = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    publish(draft, published_at=due)
    task = ping_tasks().get()
    assert task.run_after == due
    worker()  # nothing is due yet
    assert pinging.received == [] and ping_tasks().get().status == "READY"
    time_passes(hours(2) + 1)
    worker()
    assert paths(pinging) == ["/hub", "/indexnow"]
    payload = json.loads(pinging.received[1][2])
    assert payload["urlList"] == [SITE + draft.get_absolute_url()]


@pytest.mark.django_db(transaction=True)
def test_a_rescheduled_article_is_not_pinged_early_and_only_once(pinging, worker, draft):
    soon = timezone.now() + timedelta(hours=1)
    publish(draft, published_at=soon)
    publish(draft, published_at=soon + timedelta(hours=2))  # the editor moves it later
    assert ping_tasks().count() == 2
    time_passes(hours(1) + 1)  # the first time comes: the article is not public yet
    worker()
    assert pinging.received == []
    time_passes(hours(2))
    worker()
    assert paths(pinging) == ["/hub", "/indexnow"]
    assert set(ping_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_article_published_now_instead_is_pinged_once(pinging, worker, draft):
    publish(draft, published_at=timezone.now() + timedelta(hours=1))
    publish(draft, published_at=timezone.now() - timedelta(seconds=1))  # out at once after all
    worker()
    assert paths(pinging) == ["/hub", "/indexnow"]
    time_passes(hours(1) + 1)  # the old schedule's task runs and finds it moved
    worker()
    assert paths(pinging) == ["/hub", "/indexnow"]


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_scheduled_article_is_never_pinged(pinging, worker, draft):
    publish(draft, published_at=timezone.now() + timedelta(hours=1))
    draft.status = Article.Status.DRAFT
    draft.save()
    time_passes(hours(1) + 1)
    worker()
    assert pinging.received == []
    assert ping_tasks().get().status == "SUCCESSFUL"


def test_an_article_scheduled_on_the_desk_waits_for_its_publication_time(
    client, desk_editor, pinging, worker, draft, django_capture_on_commit_callbacks
):
    client.force_login(desk_editor)
    due = timezone.localtime() + timedelta(days=1)
    data = article_form_data(
        draft,
        status=Article.Status.PUBLISHED,
        published_at_0=due.strftime("%Y-%m-%d"),
        published_at_1=due.strftime("%H:%M:%S"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/article/{draft.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.is_scheduled
    task = ping_tasks().get()
    assert task.run_after == draft.published_at
    assert task.args_kwargs["args"] == [draft.pk, draft.published_at.isoformat()]
    assert pinging.received == []


def hours(n):
    return n * 3600


class socket_closed:
    """An address on this machine where nothing listens (connections are refused)."""

    def __enter__(self):
        import socket

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        return f"http://127.0.0.1:{port}/hub"

    def __exit__(self, *exc):
        return False
