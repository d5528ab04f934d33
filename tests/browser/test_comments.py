"""A reader comments in a real browser: the form, its errors, own comments on cached pages."""

import pytest
from django.test import Client

from comments.models import Comment

from .content import make_newspaper
from .test_reader import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0  # a test types faster than anyone
    return make_newspaper()[0]


def write_comment(page, name="منى الشامي", body="متى تنتهي أعمال الترميم؟"):
    form = page.get_by_role("region", name="اترك تعليقًا")
    form.get_by_label("الاسم").fill(name)
    form.get_by_label("البريد الإلكتروني").fill("mona@example.org")
    form.get_by_label("التعليق").fill(body)
    form.get_by_role("button", name="أرسل التعليق").click()


def test_reader_posts_a_comment_and_sees_it_awaiting_moderation(page, article):
    page.goto(article.get_absolute_url())
    write_comment(page)
    own = page.locator("#my-comments")
    own.get_by_text("وصلنا تعليقك وهو بانتظار المراجعة").wait_for()
    assert "متى تنتهي أعمال الترميم؟" in own.inner_text()
    assert "بانتظار المراجعة" in own.locator(".comment-status").inner_text()
    assert page.url.endswith("#my-comments")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_errors_are_announced_focused_and_accessible(page, article):
    page.goto(article.get_absolute_url())
    # The server is the authority: skip the browser's own checks, as a robot would.
    page.eval_on_selector("form.comment-form", "form => form.noValidate = true")
    page.get_by_label("التعليق").fill("نص بلا اسم")
    page.get_by_role("button", name="أرسل التعليق").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "يُرجى كتابة اسمك." in summary.inner_text()
    page.wait_for_function("() => document.activeElement.id === 'comment-errors'")
    assert page.get_by_label("التعليق").input_value() == "نص بلا اسم"
    summary.get_by_role("link", name="الاسم: يُرجى كتابة اسمك.").click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert serious_violations(page) == []
    assert not Comment.objects.exists()


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(page, article):
    page.goto(article.get_absolute_url())
    trap = page.locator("#id_reference")
    box = trap.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= width or box["x"] + box["width"] <= 0, box
    page.get_by_label("الاسم").focus()
    visited = []
    for _ in range(6):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "id_reference" not in visited, visited


def test_a_cached_article_page_still_shows_the_browsers_own_pending_comment(page, site, article):
    page.goto(article.get_absolute_url())
    write_comment(page, body="تعليق ينتظر الموافقة")
    page.locator("#my-comments .comment").wait_for()

    # From now on, a shared cache answers for the article: the page every reader gets.
    shared_copy = Client().get(article.get_absolute_url()).content.decode()
    assert "تعليق ينتظر الموافقة" not in shared_copy
    page.route(
        f"{site.url}{article.get_absolute_url()}",
        lambda route: route.fulfill(body=shared_copy, content_type="text/html; charset=utf-8"),
    )
    with page.expect_response(lambda r: "/comments/mine/" in r.url):
        page.goto(article.get_absolute_url())
    own = page.locator("#my-comments")
    own.get_by_text("تعليق ينتظر الموافقة").wait_for()
    assert "بانتظار المراجعة" in own.inner_text()

    # Another browser, same cached page: nothing of this reader's.
    stranger = page.context.browser.new_context(base_url=site.url).new_page()
    stranger.route(
        f"{site.url}{article.get_absolute_url()}",
        lambda route: route.fulfill(body=shared_copy, content_type="text/html; charset=utf-8"),
    )
    stranger.goto(article.get_absolute_url(), wait_until="networkidle")
    assert stranger.locator("#my-comments").inner_text().strip() == ""
    stranger.context.close()
