"""`make serve` as production runs it: nginx -> Varnish -> gunicorn, and the task worker.

serving/serve.py starts on ports of the test's own, on the test's database and
a Redis the test starts (the page cache and its purge marks shared by the test
process and the servers). A page read twice comes from Varnish; an edit saved
here purges our cache at once and Varnish through the stack's own worker.
PostgreSQL only: the servers share the test's database.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from .servers import ROOT, free_port, program, redis_server, wait_for_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.pagecache,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the servers share the test's database: PostgreSQL only",
    ),
]


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.headers, response.read().decode()


@contextlib.contextmanager
def serve(tmp_path, cache_url, prefix):
    with tempfile.TemporaryDirectory() as folder:  # pytest's are closed to varnishd's user
        os.chmod(folder, 0o755)
        with serving(tmp_path, Path(folder), cache_url, prefix) as started:
            yield started


@contextlib.contextmanager
def serving(tmp_path, run, cache_url, prefix):
    program("varnishd", "varnish")
    program("nginx", "nginx")
    ports = {name: free_port() for name in ("SERVE_PORT", "APP_PORT", "SERVE_VARNISH_PORT")}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "DEBUG": "0",
        "DEMO": "0",
        "SECRET_KEY": "serve-test-only",
        "DATABASE_URL": database_url(),
        "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": prefix,
        "TASKS_BACKEND": "database",
        "SERVE_DIR": str(run / "serve"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "1",
    }
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "serving/serve.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for port in ports.values():
            wait_for_port(port, 120, process)
        yield ports, tmp_path / "serve.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        log.close()


@pytest.fixture
def stack(tmp_path, settings):
    with redis_server() as (redis_port, _):
        prefix = f"serve-test-{os.getpid()}"
        url = f"redis://127.0.0.1:{redis_port}/0"
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": prefix,
            }
        }
        with serve(tmp_path, url, prefix) as (ports, log):
            settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
            settings.CACHE_PURGE_URL = f"http://127.0.0.1:{ports['SERVE_VARNISH_PORT']}/"
            settings.PAGECACHE_PURGERS = ["pagecache.purgers.VarnishPurger"]
            yield ports["SERVE_PORT"], log


def test_pages_come_from_varnish_and_an_edit_reaches_readers_through_the_worker(stack, published):
    port, log = stack
    path = published.get_absolute_url()
    for _ in range(60):  # Varnish compiles its VCL while the rest starts
        try:
            fetch(port, path)
            break
        except OSError:
            time.sleep(0.5)
    headers, _ = fetch(port, path)
    assert headers["X-Cache"] == "HIT"
    assert " (nginx :" in log.read_text() and " -> varnish :" in log.read_text()

    published.title = "عنوان عدل بعد النشر ووصل القراء"
    published.save()  # our cache purged on commit; the ban waits for the stack's worker
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        headers, body = fetch(port, path)
        if "ووصل القراء" in body:
            break
        time.sleep(0.3)
    assert "ووصل القراء" in body
    assert fetch(port, path)[0]["X-Cache"] == "HIT"  # kept again, the new one
