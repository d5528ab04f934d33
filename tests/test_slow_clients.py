"""Slow clients hold nginx connections, never gunicorn threads.

Three readers send a comment one byte a second. Straight to gunicorn they hold
all its threads, and a reader asking for the home page meanwhile waits until
they are done; with nginx in front (serving/nginx.conf.template buffers whole
request bodies) the same gunicorn answers the reader at once.

gunicorn runs in a process of its own on the test's database: PostgreSQL only
(SQLite's test database lives in the test process's memory).
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from .servers import ROOT, free_port, nginx, stop, wait_for_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="gunicorn shares the test's database: PostgreSQL only",
    ),
]

THREADS = 3  # gunicorn's threads, one per slow client


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@contextlib.contextmanager
def gunicorn(tmp_path):
    """serving/gunicorn.conf.py with one worker of THREADS threads, on the test database."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CACHE_URL": "",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": str(THREADS),
        "MEDIA_ROOT": str(tmp_path),
    }
    config = str(ROOT / "serving/gunicorn.conf.py")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", config],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 60, server)
        yield port
    finally:
        stop(server)


@contextlib.contextmanager
def front(app_port):
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # nginx's workers run as another user
        with nginx(app_port, folder, folder) as port:
            yield port


def trickle(port, path, stop):
    """A comment POST sent one byte a second, its headers at once, until told to stop."""
    body = urllib.parse.urlencode({"name": "سلمى", "email": "s@example.org", "body": "تعليق " * 40})
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n"
    )
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 5) as sock:
        sock.sendall(head.encode())
        for byte in body.encode():
            if stop.wait(1):
                return
            sock.sendall(bytes([byte]))


@contextlib.contextmanager
def slow_clients(port, path, count=3):
    stop = threading.Event()
    threads = [threading.Thread(target=trickle, args=(port, path, stop)) for _ in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # each has sent its headers and a byte of its comment
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def reader_wait(port, seconds=3):
    """Seconds the home page took, or None when it did not come within `seconds`."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=seconds) as response:
            assert response.status == 200
            response.read()
    except TimeoutError:
        return None
    return time.monotonic() - started


def test_slow_clients_do_not_delay_readers_behind_nginx(published, tmp_path):
    path = f"/comments/post/{published.pk}/"
    with gunicorn(tmp_path) as app_port, front(app_port) as port:
        assert reader_wait(port) is not None  # the home page rendered once, and kept
        with slow_clients(port, path):
            took = reader_wait(port)
        assert took is not None and took < 1


def test_without_nginx_slow_clients_hold_every_thread(published, tmp_path):
    path = f"/comments/post/{published.pk}/"
    with gunicorn(tmp_path) as app_port:
        assert reader_wait(app_port) is not None
        with slow_clients(app_port, path):
            assert reader_wait(app_port) is None  # still waiting after 3 seconds
        assert reader_wait(app_port, 10) is not None  # the slow ones gone: answered again
