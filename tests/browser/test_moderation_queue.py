"""A moderator clears the queue with the keyboard alone, in a real browser.

Reports the number of actions and the time taken (also written to
test-artifacts/moderation-keyboard.txt), and screenshots the queue at 1280 and
360 px.
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from comments.models import BlockedWord, Comment

from .content import make_newspaper
from .test_journeys import moderators_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "moderate-with-care-2026"
QUEUE = "/admin/comments/comment/queue/"
FOCUSED_CARD = (
    "() => document.activeElement && document.activeElement.classList.contains('mq-card')"
)

# Sentences for the readers' comments, written for this test.
OPENINGS = [
    "أتابع هذا الملف منذ بدايته",
    "شكرًا للمراسل على المتابعة الدقيقة",
    "سؤالي للبلدية بسيط",
    "أسكن قرب السوق منذ عشرين سنة",
    "قرأت الخبر مرتين",
]
MIDDLES = [
    "ولم أفهم بعد متى تنتهي الأعمال ومن سيدفع كلفة التأخير إن حصل",
    "وأتمنى أن تنشروا جدولًا زمنيًا واضحًا يعرف منه التجار موعد العودة إلى محلاتهم",
    "والمهم أن تبقى الطرق المؤدية إلى المدرسة مفتوحة أثناء العمل",
    "ويبدو لي أن التكلفة المعلنة أقل من الحقيقية بكثير",
]
LONG_TEXT = (
    "أكتب هذا التعليق بعد زيارة الموقع صباح اليوم، فقد رأيت العمال يبدؤون بالأسقف قبل "
    "الأرضيات كما قال الخبر، لكن المدخل الشرقي ما زال مغلقًا بلا أي لافتة تشرح للناس الطريق "
    "البديل، وكبار السن يضطرون إلى الدوران حول السوق كله للوصول إلى الصيدلية. أرجو أن تسألوا "
    "البلدية عن ذلك في تقريركم القادم، وأن تنشروا خريطة صغيرة للمداخل المفتوحة."
)


def reader_comments(articles, count=100):
    """count pending comments: replies, long ones, flagged ones, from a few regular readers."""
    BlockedWord.objects.create(word="فاسد", action=BlockedWord.Action.REVIEW)
    start = timezone.now() - timedelta(hours=5)
    parent = Comment.objects.create(
        article=articles[0], name="سلمى", email="salma@example.org",
        body="هل ستبقى المحلات مفتوحة أثناء الترميم؟", status=Comment.Status.APPROVED,
        created_at=start,
    )  # fmt: skip
    comments = []
    for n in range(count):
        body = LONG_TEXT if n == 0 else f"{OPENINGS[n % 5]}، {MIDDLES[n % 4]}. (تعليق {n + 1})"
        article = articles[n % 3]
        comment = Comment(
            article=article,
            parent=parent if n % 9 == 3 else None,  # on articles[0], as the parent
            name=f"قارئ {n + 1}",
            email=f"reader{n % 30}@example.org",
            body=body,
            created_at=start + timedelta(minutes=n + 1),
            ip_hash=f"{n % 17:02d}" * 32,
        )
        if n % 11 == 2:
            comment.body += " والمقاول فاسد كما يعرف الجميع"
            comment.suspect_words = ["فاسد"]
            comment.review_reasons = [Comment.Reason.SUSPECT_WORDS]
        comments.append(comment)
    for comment in comments:
        comment.save()
    return comments


@pytest.fixture
def moderator():
    user = User.objects.create_user("moderator", password=PASSWORD, is_staff=True)
    user.groups.add(moderators_group())  # made again: transactional tests flush the migration's
    return user


@pytest.fixture
def queue_page(page, moderator):
    articles = make_newspaper()
    reader_comments(articles)
    page.goto(f"/admin/login/?next={QUEUE}")
    page.get_by_label("اسم المستخدم").fill("moderator")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="ادخل").click()
    page.get_by_role("heading", name="مراجعة التعليقات").wait_for()
    page.wait_for_function(FOCUSED_CARD)
    return page


def expected_decision(n):
    return {0: "a", 1: "a", 2: "a", 3: "s", 4: "a", 5: "d"}[n % 6]


def test_a_moderator_clears_100_comments_with_one_key_each(queue_page, artifacts):
    page = queue_page
    statuses = {"a": "approved", "s": "spam", "d": "removed"}
    expected, actions = {}, 0
    started = time.monotonic()
    for n in range(100):
        page.wait_for_function(FOCUSED_CARD)  # the next card has focus: no action needed
        pk = int(page.evaluate("document.activeElement.dataset.comment"))
        assert pk not in expected, "the focus stayed on a decided comment"
        key = expected_decision(n)
        page.keyboard.press(key)
        actions += 1
        expected[pk] = statuses[key]
    # Saved: the page says so once the last request is answered.
    page.get_by_text("لا شيء ينتظر هنا").wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-moderation-queue]').dataset.busy === '0'"
    )
    seconds = time.monotonic() - started

    assert actions == 100  # one action per comment, and nothing else
    assert dict(Comment.objects.filter(pk__in=expected).values_list("pk", "status")) == expected
    assert Comment.objects.filter(moderated_by__username="moderator").count() == 100
    report = (
        f"Moderated 100 pending comments with {actions} key presses "
        f"({actions / 100:.2f} per comment) in {seconds:.1f} s "
        f"({seconds / 100 * 1000:.0f} ms per comment, including one reload for the next 50).\n"
    )
    (artifacts / "moderation-keyboard.txt").write_text(report)
    print("\n" + report)


def test_undo_and_moving_between_cards(queue_page):
    page = queue_page
    first = int(page.evaluate("document.activeElement.dataset.comment"))
    page.keyboard.press("j")
    second = int(page.evaluate("document.activeElement.dataset.comment"))
    page.keyboard.press("k")
    assert int(page.evaluate("document.activeElement.dataset.comment")) == first
    page.keyboard.press("j")
    page.keyboard.press("s")
    page.get_by_role("status").get_by_text("عُلِّم مزعجًا").wait_for()
    assert page.locator(f"#mq-comment-{second}").count() == 0
    assert Comment.objects.get(pk=second).status == "spam"
    pending = page.locator('[data-count="pending"]').first
    assert pending.inner_text() == "99"
    page.keyboard.press("u")
    page.locator(f"#mq-comment-{second}").wait_for()
    page.get_by_role("status").get_by_text("تم التراجع").wait_for()
    assert Comment.objects.get(pk=second).status == "pending"
    assert page.evaluate("document.activeElement.dataset.comment") == str(second)
    assert pending.inner_text() == "100"
    # A click on a card's button is one decision too.
    page.locator(f"#mq-comment-{first}").get_by_role("button", name="اعتمد").click()
    page.get_by_role("status").get_by_text("اعتُمد").wait_for()
    assert Comment.objects.get(pk=first).status == "approved"
    # Typing in a filter does not moderate.
    page.get_by_text("المقال والترتيب").click()
    page.get_by_label("المقال", exact=True).focus()
    page.keyboard.press("a")
    assert Comment.objects.filter(status="approved").count() == 2  # the parent and first


def chars_per_line(paragraph):
    """Characters per line of a paragraph as laid out, at least (its short last line counts)."""
    return paragraph.evaluate(
        """el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
            return Math.floor(el.innerText.trim().length / tops.size);
        }"""
    )


def no_clipping(page):
    """Nothing wider than the window, and every card and its buttons inside it."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) out.push("page scrolls sideways");
            document.querySelectorAll('.mq-card, .mq-card button, .mq-statuses a').forEach(el => {
                const r = el.getBoundingClientRect();
                if (r.left < -1 || r.right > width + 1) out.push(el.className || el.tagName);
            });
            return out;
        }"""
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_queue_screenshots_without_clipping(queue_page, artifacts, width):
    from .test_reader import serious_violations

    page = queue_page
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    assert no_clipping(page) == []
    long_text = page.locator(".mq-card").filter(has_text=LONG_TEXT[:30]).locator(".mq-body p")
    measure = chars_per_line(long_text)
    if width == 1280:
        assert measure >= 45, measure
    assert page.locator(".mq-parent").first.is_visible()
    assert page.locator(".mq-body mark").first.inner_text() == "فاسد"
    reply = page.locator(".mq-card").filter(has=page.locator(".mq-parent")).first
    reply.screenshot(path=artifacts / f"moderation_queue_{width}_reply.png")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / f"moderation_queue_{width}.png")
    assert serious_violations(page) == []


def test_the_comment_list_keeps_bulk_actions_and_every_column_in_view(queue_page, artifacts):
    page = queue_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/comments/comment/")
    results = page.locator(".results")
    page.screenshot(path=artifacts / "moderation_comment_list_1280.png")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    for column in ["التعليق", "الحالة", "وقت النشر", "البريد الإلكتروني"]:
        assert page.get_by_role("columnheader", name=column).is_visible()
    page.locator("tbody input[name=_selected_action]").nth(0).check()
    page.locator("tbody input[name=_selected_action]").nth(1).check()
    page.get_by_label("الإجراء").select_option("approve")
    page.screenshot(path=artifacts / "moderation_comment_list_1280.png")
    page.get_by_role("button", name="نفّذ").click()
    page.get_by_text("تمت الموافقة على تعليقين").wait_for()
    assert (
        Comment.objects.filter(status="approved", moderated_by__username="moderator").count() == 2
    )


def test_undo_reaches_back_across_the_reload_that_brings_the_next_cards(queue_page, monkeypatch):
    from comments import queue

    page = queue_page
    monkeypatch.setattr(queue, "QUEUE_SIZE", 3)
    page.reload()
    page.wait_for_function(FOCUSED_CARD)
    decided = []
    for _ in range(3):
        page.wait_for_function(FOCUSED_CARD)
        decided.append(int(page.evaluate("document.activeElement.dataset.comment")))
        page.keyboard.press("d")
    page.wait_for_function(  # the next three cards, after a reload
        f"() => document.activeElement && document.activeElement.dataset.comment"
        f" && !{decided}.includes(Number(document.activeElement.dataset.comment))"
    )
    assert Comment.objects.filter(pk__in=decided, status="removed").count() == 3
    page.keyboard.press("u")
    page.locator(f"#mq-comment-{decided[-1]}").wait_for()
    assert Comment.objects.get(pk=decided[-1]).status == "pending"
