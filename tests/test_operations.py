"""What operations sees: /healthz, one-line client errors, and the deployment checks."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# --- /healthz ---------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_says_ok_for_database_cache_and_storage(client, media_root):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert not any(media_root.rglob("*.txt"))  # its test file is gone


@pytest.mark.django_db
def test_healthz_names_a_read_only_media_disk_and_tells_nothing_else(client, media_disk):
    media_disk.read_only()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error", "database": "ok", "cache": "ok", "storage": "error"
    }  # fmt: skip
    assert str(media_disk.path) not in response.content.decode()


@pytest.mark.django_db
def test_healthz_fails_closed_when_storage_refuses(client, settings, tmp_path):
    # A media root that is a file: no process, root included, can write under it.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "error"
    assert "not-a-folder" not in response.content.decode()


def test_healthz_answers_get_and_head_only(client):
    assert client.post("/healthz").status_code == 405


# --- Expected client errors: one line each ----------------------------------


@pytest.fixture
def console_log():
    """What the console handler (LOGGING) writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, url, status",
    [
        ("get", "/?q=%00", 400),  # BadRequest
        ("get", "/no-such-page/", 404),
        ("post", "/healthz", 405),
        ("get", "/admin/unlock-sign-in/", 302),  # not an error at all: nothing logged
    ],
)
def test_client_errors_are_one_line_without_traceback(client, console_log, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    text = console_log.getvalue()
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == (0 if status < 400 else 1), text
    if lines:
        assert lines[0].startswith(f"{status} {method.upper()}")


@pytest.mark.django_db
def test_a_suspicious_host_and_a_denied_page_are_one_line(client, console_log, writer):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    client.force_login(writer)
    # A writer may not open the users' list: PermissionDenied inside the admin is a 403.
    assert client.get("/admin/auth/user/").status_code == 403
    text = console_log.getvalue()
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line[:3] in {"400", "403"}]
    assert len(lines) == 2 and "evil.example" in lines[0], text


def test_server_errors_keep_their_traceback(console_log):
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /", exc_info=True, extra={"status_code": 500}
        )
    assert "Traceback" in console_log.getvalue()


# --- Deployment checks -------------------------------------------------------

PRODUCTION = {
    "SECRET_KEY": "a-production-key-of-many-different-characters-0123456789-XYZ",
    "ALLOWED_HOSTS": "news.example",
    "SITE_URL": "https://news.example",
    "CSRF_TRUSTED_ORIGINS": "https://news.example",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def check_deploy(**env):
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "CRITICAL"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_tls_behind_a_proxy_without_the_header_is_a_warning_in_both_languages():
    output = check_deploy(**PRODUCTION, COMMENTS_TRUSTED_PROXIES="0")
    assert "newsroom.W001" in output
    assert "SECURE_PROXY_SSL_HEADER is off" in output
    assert "يبدو كل طلب HTTP عاديًا" in output


def test_a_proxy_with_no_trusted_hops_is_a_warning():
    output = check_deploy(**PRODUCTION, SECURE_PROXY_SSL_HEADER="1", COMMENTS_TRUSTED_PROXIES="0")
    assert "newsroom.W001" not in output
    assert "newsroom.W002" in output and "حدًا واحدًا للتعليقات" in output


def test_trusted_hops_without_a_proxy_is_a_warning():
    plain = {"SITE_URL": "http://news.example", "CSRF_TRUSTED_ORIGINS": "",
             "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}  # fmt: skip
    output = check_deploy(**{**PRODUCTION, **plain}, COMMENTS_TRUSTED_PROXIES="1")
    assert "newsroom.W003" in output and "تزوير X-Forwarded-For" in output


def test_a_production_like_environment_passes_with_no_warning():
    """The environment README's "Deployment" section recommends: no warning at all."""
    output = check_deploy(
        **PRODUCTION,
        SECURE_PROXY_SSL_HEADER="1",
        COMMENTS_TRUSTED_PROXIES="1",
    )
    assert "System check identified no issues" in output, output


def test_a_shared_cache_is_required_for_lockouts_across_processes():
    output = check_deploy(**{**PRODUCTION, "CACHE_URL": ""}, SECURE_PROXY_SSL_HEADER="1",
                          COMMENTS_TRUSTED_PROXIES="1")  # fmt: skip
    assert "axes.W001" in output


def test_health_reports_are_json(client, db):
    assert json.loads(client.get("/healthz").content)["database"] == "ok"
