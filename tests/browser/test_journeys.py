"""Whole journeys of a reader and a moderator, in a real browser."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission, User

from comments.models import Comment

from .content import make_newspaper

pytestmark = pytest.mark.django_db(transaction=True)

# Live-server tests empty the tables between tests, groups made by data
# migrations included; this rebuilds the Moderators group from the migration's own list.
moderators_migration = import_module("comments.migrations.0002_moderators_group")


def moderators_group():
    group, _ = Group.objects.get_or_create(name=moderators_migration.GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=moderators_migration.PERMISSIONS
        )
    )
    return group


EMAIL = "salma.private@example.net"


@pytest.fixture
def article(settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0  # a test types faster than anyone
    return make_newspaper()[0]


def reader_comments(page, name="سلمى", body="شكرًا على هذا التقرير المفصّل.", email=""):
    """Fill the comment form as a reader would, trusting the server to check it."""
    form = page.locator("form.comment-form")
    form.evaluate("form => form.noValidate = true")
    form.get_by_label("الاسم").fill(name)
    form.get_by_label("البريد الإلكتروني").fill(email)
    form.get_by_label("التعليق").fill(body)
    form.get_by_role("button", name="أرسل التعليق").click()


def test_reader_journey_from_home_to_a_moderated_comment(page, site, article):
    page.goto("/")
    page.get_by_role("navigation", name="الأقسام").get_by_role("link", name="محليات").click()
    page.get_by_role("link", name=article.title).first.click()
    caption = page.locator("figure.lead-figure figcaption")
    assert caption.is_visible() and "صورة الخبر رقم 1" in caption.inner_text()

    reader_comments(page)  # no email
    page.get_by_role("alert").wait_for()
    assert "البريد الإلكتروني" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("التعليق").input_value() == "شكرًا على هذا التقرير المفصّل."
    assert page.get_by_label("الاسم").input_value() == "سلمى"
    assert not Comment.objects.exists()

    page.get_by_label("البريد الإلكتروني").fill(EMAIL)
    page.get_by_role("button", name="أرسل التعليق").click()
    page.get_by_text("بانتظار المراجعة").first.wait_for()
    assert "شكرًا على هذا التقرير المفصّل." in page.locator("#my-comments").inner_text()
    assert EMAIL not in page.content()

    stranger = page.context.browser.new_context(base_url=site.url).new_page()
    stranger.goto(article.get_absolute_url(), wait_until="networkidle")
    assert "شكرًا على هذا التقرير المفصّل." not in stranger.content()
    stranger.context.close()


def test_moderator_approves_a_comment_in_the_arabic_admin(page, site, article):
    moderator = User.objects.create_user("moderator", password="moderate-with-care-2026")
    moderator.is_staff = True
    moderator.save()
    moderator.groups.add(moderators_group())
    comment = Comment.objects.create(
        article=article, name="كريم", email=EMAIL, body="متى يفتتح السوق بعد الترميم؟"
    )

    page.goto("/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_label("اسم المستخدم").fill("moderator")
    page.get_by_label("كلمة المرور").fill("moderate-with-care-2026")
    page.get_by_role("button", name="ادخل").click()
    # The dashboard's panel of the moderation queue: its title leads to the queue,
    # where each decision is one button.
    queue = page.locator("#panel-comments")
    assert "تعليق واحد" in queue.inner_text()
    queue.get_by_role("link", name="تعليقات تنتظر الإشراف").click()
    page.locator(".mq-card", has_text="كريم").get_by_role("button", name="اعتمد").click()
    page.get_by_role("status").get_by_text("اعتُمد").wait_for()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator

    reader = page.context.browser.new_context(base_url=site.url).new_page()
    reader.goto(article.get_absolute_url())
    assert "متى يفتتح السوق بعد الترميم؟" in reader.locator(".comments").inner_text()
    assert EMAIL not in reader.content()
    reader.context.close()
