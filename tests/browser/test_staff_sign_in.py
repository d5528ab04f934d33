"""Staff sign-in in a real browser: the authenticator set-up page and the lockout page."""

from base64 import b32decode

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP

from .test_editor import PASSWORD, editors_group

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("huda", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def fill_sign_in(page, username, password):
    page.goto("/admin/")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(password)
    page.get_by_role("button", name="ادخل").click()


def test_an_editor_sets_up_two_factor_and_reaches_the_desk(page, editor, settings, artifacts):
    settings.STAFF_2FA = True
    fill_sign_in(page, "huda", PASSWORD)
    page.get_by_role("heading", name="الدخول بالتحقق الثنائي").wait_for()
    assert page.locator("svg.segno").is_visible()
    page.screenshot(path=artifacts / "two-factor-setup.png", full_page=True)
    key = page.locator(".staff-key").inner_text().replace(" ", "")
    code = TOTP(b32decode(key + "=" * (-len(key) % 8))).token()
    page.get_by_label("الرمز من تطبيق المصادقة").fill(f"{code:06d}")
    page.get_by_role("button", name="أكّد وادخل").click()
    page.get_by_role("heading", name="مكتب التحرير").wait_for()


def test_a_locked_out_sign_in_is_told_why_in_arabic(page, editor, settings, artifacts):
    settings.AXES_FAILURE_LIMIT = 3
    for attempt in range(3):
        fill_sign_in(page, "huda", f"wrong-{attempt}")
    heading = page.get_by_role("heading", name="الدخول مقفل")
    heading.wait_for()
    assert "15 دقيقة" in page.locator(".errornote").inner_text()
    page.screenshot(path=artifacts / "sign-in-locked.png", full_page=True)
    fill_sign_in(page, "huda", PASSWORD)
    heading.wait_for()  # the right password too, until the lockout ends
