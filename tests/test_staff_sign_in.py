"""Staff sign-in: lockout per account and per address, unlocking, two-factor codes, the log."""

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-night-at-the-desk-2026"
LOCKED = "محاولات كثيرة بكلمة مرور خاطئة"


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    # Hashing a real password takes a good part of a second; these tests sign in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def rania(db):
    """An editor, who publishes to the front page."""
    user = User.objects.create_user("rania", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def test_wrong_passwords_lock_the_account_and_the_right_one_then_fails(client, rania, settings):
    answers = [sign_in(client, "rania", f"guess-{i}").status_code for i in range(20)]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the login form, with its error
    assert set(answers[limit:]) == {429}
    response = sign_in(client, "rania", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15" in response.content.decode()  # minutes
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_from_another_address_for_that_account(client, rania, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for i in range(3):
        sign_in(client, "rania", f"guess-{i}", address="203.0.113.7")
    assert sign_in(Client(), "rania", PASSWORD, address="198.51.100.20").status_code == 429


def test_one_address_guessing_many_accounts_is_locked_for_all(client, rania, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for name in ["ahmad", "huda", "omar"]:
        sign_in(client, name, "guess", address="203.0.113.7")
    assert sign_in(client, "rania", PASSWORD, address="203.0.113.7").status_code == 429
    # The account itself is not locked for someone elsewhere.
    assert sign_in(Client(), "rania", PASSWORD, address="198.51.100.20").status_code == 302


def test_a_superuser_unlocks_an_account(client, rania, chief, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for i in range(3):
        sign_in(client, "rania", f"guess-{i}")
    admin = Client()
    admin.force_login(chief)
    page = admin.get("/admin/unlock-sign-in/")
    assert page.status_code == 200 and "فك قفل الدخول" in page.content.decode()
    refused = admin.post("/admin/unlock-sign-in/", {"username": "", "ip_address": ""})
    assert "أدخل اسم مستخدم" in refused.content.decode()
    response = admin.post(
        "/admin/unlock-sign-in/", {"username": "rania", "ip_address": "203.0.113.7"}, follow=True
    )
    assert "rania" in response.content.decode()
    assert sign_in(client, "rania", PASSWORD).status_code == 302


def test_only_superusers_may_unlock(client, rania):
    client.force_login(rania)
    response = client.get("/admin/unlock-sign-in/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_sign_ins_and_lockouts_are_in_the_admin_log(client, rania, settings):
    assert sign_in(client, "rania", PASSWORD).status_code == 302
    entry = LogEntry.objects.get(user=rania)
    assert entry.object_id == str(rania.pk) and "203.0.113.7" in entry.get_change_message()
    assert "دخل" in entry.get_change_message()
    settings.AXES_FAILURE_LIMIT = 2
    for i in range(2):
        sign_in(Client(), "rania", f"guess-{i}", address="198.51.100.9")
    locked = LogEntry.objects.filter(user=rania).latest("pk")
    assert "قُفل" in locked.get_change_message() and "198.51.100.9" in locked.get_change_message()
    history = Client()
    history.force_login(User.objects.create_superuser("chief2", "c2@example.org", PASSWORD))
    page = history.get(f"/admin/auth/user/{rania.pk}/history/").content.decode()
    assert "198.51.100.9" in page


# --- Two-factor codes -------------------------------------------------------


@pytest.fixture
def two_factor(settings):
    settings.STAFF_2FA = True


def test_an_editor_sets_up_an_authenticator_and_signs_in_with_its_code(
    client, rania, two_factor, enrol_two_factor
):
    assert sign_in(client, "rania", PASSWORD).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert "تطبيق" in page and 'class="segno"' in page and 'lang="ar"' in page
    device = TOTPDevice.objects.get(user=rania, confirmed=False)
    wrong = client.post("/admin/two-factor/", {"code": "000000", "next": "/admin/"})
    assert "هذا الرمز خاطئ" in wrong.content.decode()
    code = enrol_two_factor.current_code(device)
    throttled = client.post("/admin/two-factor/", {"code": code, "next": "/admin/"})
    assert "رموز خاطئة كثيرة" in throttled.content.decode()  # django-otp's back-off
    time.sleep(2.1)
    done = client.post("/admin/two-factor/", {"code": code, "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert "رمز" in LogEntry.objects.filter(user=rania).latest("pk").get_change_message()


def test_a_code_cannot_be_used_twice(client, rania, two_factor, enrol_two_factor):
    code = enrol_two_factor(rania)
    sign_in(client, "rania", PASSWORD)
    first = code()
    assert client.post("/admin/two-factor/", {"code": first}).status_code == 302
    again = Client()
    sign_in(again, "rania", PASSWORD)
    page = again.post("/admin/two-factor/", {"code": first})
    assert page.status_code == 200 and "segno" not in page.content.decode()
    assert again.get("/admin/").status_code == 302


def test_without_the_code_a_signed_in_editor_sees_nothing_of_the_desk(
    client, rania, two_factor, enrol_two_factor, make_article
):
    enrol_two_factor(rania)
    draft = make_article("مسودة سرية", status=Article.Status.DRAFT)
    sign_in(client, "rania", PASSWORD)
    for url in ["/admin/articles/article/", f"/admin/articles/article/{draft.pk}/change/"]:
        assert client.get(url)["Location"].startswith("/admin/two-factor/")
    preview = client.get(f"/preview/{draft.pk}/")
    assert "مسودة سرية" not in preview.content.decode()


def test_superusers_need_the_code_writers_do_not(client, chief, two_factor, writer):
    sign_in(client, "chief", PASSWORD)
    assert client.get("/admin/").status_code == 302
    writer.set_password(PASSWORD)
    writer.save()
    other = Client()
    sign_in(other, "writer", PASSWORD)
    assert other.get("/admin/").status_code == 200


def test_two_factor_is_off_under_debug_unless_asked_and_on_in_production():
    code = "from django.conf import settings; print(settings.STAFF_2FA)"

    def staff_2fa(**env):
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env}
        return subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        ).stdout.strip()

    assert staff_2fa(DEBUG="1") == "False"
    assert staff_2fa(DEBUG="1", STAFF_2FA="1") == "True"
    assert staff_2fa(SECRET_KEY="x" * 50) == "True"


def test_a_superuser_removes_a_lost_authenticator(client, rania, chief, enrol_two_factor):
    enrol_two_factor(rania)
    client.force_login(chief)
    refused = client.post("/admin/unlock-sign-in/", {"ip_address": "203.0.113.7",
                                                     "forget_authenticator": "on"})  # fmt: skip
    assert "أدخل الحساب" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=rania).exists()
    client.post("/admin/unlock-sign-in/", {"username": "rania", "forget_authenticator": "on"})
    assert not TOTPDevice.objects.filter(user=rania).exists()


@pytest.fixture
def shared_cache(settings):
    """The default cache on the machine's Redis, under a key prefix of this test's own."""
    import redis
    from axes.handlers.proxy import AxesProxyHandler

    prefix = f"newsroom-security-test-{uuid.uuid4().hex[:8]}"
    server = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        server.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    AxesProxyHandler.get_implementation(force=True)  # its cache, from the new settings
    yield server, prefix
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    AxesProxyHandler.implementation = None  # made again from the restored settings


def test_failures_are_counted_in_the_shared_cache(client, rania, settings, shared_cache):
    server, prefix = shared_cache
    settings.AXES_FAILURE_LIMIT = 3
    for i in range(3):
        sign_in(client, "rania", f"guess-{i}")
    # Another app process, reading the same Redis, sees the counts: here, a client of its own.
    counts = [int(server.get(key)) for key in server.scan_iter(f"{prefix}:*")]
    assert sorted(counts) == [3, 3]  # the account's and the address's
    assert sign_in(Client(), "rania", PASSWORD, address="198.51.100.20").status_code == 429
