"""What readers see of comments, and how a browser sees its own pending comments."""

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from comments.templatetags.comments import comment_count_label
from comments.visitors import OWN_COMMENTS_COOKIE

from .commenting import approve, post_comment


def comments_of(html):
    return html[html.index('<section id="comments"') : html.index("</section>", html.index("<ol"))]


def make_comment(article, **fields):
    fields.setdefault("name", "قارئ")
    fields.setdefault("email", "x@example.org")
    fields.setdefault("body", f"نص {timezone.now().timestamp()}")
    return Comment.objects.create(article=article, **fields)


@pytest.mark.django_db
def test_only_approved_comments_are_shown_oldest_first(client, published):
    now = timezone.now()
    newer = make_comment(published, body="الأحدث", status="approved", created_at=now)
    older = make_comment(
        published, body="الأقدم", status="approved", created_at=now - timedelta(hours=2)
    )
    for status in ["pending", "spam", "removed"]:
        make_comment(published, body=f"مخفي {status}", status=status)
    html = client.get(published.get_absolute_url()).content.decode()
    assert html.index(older.body) < html.index(newer.body)
    assert "مخفي" not in html
    assert "تعليقان" in html


@pytest.mark.django_db
def test_replies_are_nested_under_their_parent(client, published):
    now = timezone.now()
    first = make_comment(published, body="أول", status="approved", created_at=now)
    second = make_comment(
        published, body="ثان", status="approved", created_at=now + timedelta(minutes=1)
    )
    reply = make_comment(
        published,
        body="رد على الأول",
        parent=first,
        status="approved",
        created_at=now + timedelta(minutes=2),
    )
    pending_reply = make_comment(published, body="رد لم يعتمد", parent=first)
    html = client.get(published.get_absolute_url()).content.decode()
    thread = html[html.index(f'id="comment-{first.pk}"') : html.index(f'id="comment-{second.pk}"')]
    assert '<ol class="comment-replies">' in thread and reply.body in thread
    assert pending_reply.body not in html
    assert "3 تعليقات" in html


@pytest.mark.django_db
def test_comment_shows_name_and_arabic_date_but_no_email_or_gravatar(client, published, settings):
    settings.TIME_ZONE = "Asia/Riyadh"
    comment = make_comment(
        published,
        name="نادية",
        email="nadia.private@example.org",
        status="approved",
        created_at=datetime(2024, 9, 18, 10, 5, tzinfo=UTC),
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert '<bdi class="comment-author">نادية</bdi>' in html
    assert '<time datetime="2024-09-18T13:05:00+03:00">18 سبتمبر 2024، 13:05</time>' in html
    assert comment.email not in html and "gravatar" not in html.lower()
    assert hashlib.md5(comment.email.encode()).hexdigest() not in html


@pytest.mark.parametrize(
    "count, label",
    [
        (0, "لا توجد تعليقات"),
        (1, "تعليق واحد"),
        (2, "تعليقان"),
        (3, "3 تعليقات"),
        (10, "10 تعليقات"),
        (11, "11 تعليقًا"),
        (99, "99 تعليقًا"),
        (100, "100 تعليق"),
        (102, "102 تعليق"),
        (111, "111 تعليقًا"),
    ],
)
def test_comment_count_uses_arabic_plural_forms(count, label):
    assert comment_count_label(count) == label


@pytest.mark.django_db
def test_own_pending_comment_is_shown_to_its_browser_only(client, published):
    post_comment(client, published, name="صاحب التعليق", body="تعليقي المنتظر")
    comment = Comment.objects.get()
    mine = client.get(published.get_absolute_url())
    html = mine.content.decode()
    own = html[html.index('id="my-comments"') : html.index('id="leave-comment"')]
    assert "تعليقي المنتظر" in own and "بانتظار المراجعة" in own
    assert "comment--waiting" in own
    assert "private" in mine["Cache-Control"]

    stranger = Client().get(published.get_absolute_url())
    assert "تعليقي المنتظر" not in stranger.content.decode()
    assert "private" not in stranger.get("Cache-Control", "")

    approve(comment)
    html = client.get(published.get_absolute_url()).content.decode()
    assert html.count("تعليقي المنتظر") == 1 and "comment--waiting" not in html


@pytest.mark.django_db
def test_own_comment_sent_to_spam_is_shown_to_its_browser_until_moderated(client, published):
    from comments.models import BlockedWord

    BlockedWord.objects.create(word="قمار")
    post_comment(client, published, body="موقع قمار مضمون")
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert "موقع قمار مضمون" in client.get(published.get_absolute_url()).content.decode()
    Comment.objects.all().moderate(Comment.Status.SPAM, None)
    assert "موقع قمار مضمون" not in client.get(published.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_forged_cookie_shows_nothing(client, published):
    make_comment(published, body="تعليق شخص آخر")
    other = Comment.objects.get()
    client.cookies[OWN_COMMENTS_COOKIE] = f"[{other.pk}]"
    assert "تعليق شخص آخر" not in client.get(published.get_absolute_url()).content.decode()
    assert "تعليق شخص آخر" not in client.get(f"/comments/mine/{published.pk}/").content.decode()


@pytest.mark.django_db
def test_cached_article_page_gets_own_comments_from_the_small_private_endpoint(client, published):
    """The article page is the same for every reader; the cookie's comments come separately."""
    anonymous = Client()
    public = anonymous.get(published.get_absolute_url())
    again = Client().get(published.get_absolute_url())
    strip_token = re.compile(r'name="issued" value="[^"]*"')
    assert strip_token.sub("", public.content.decode()) == strip_token.sub(
        "", again.content.decode()
    )
    assert not public.cookies and "Cookie" not in public.get("Vary", "")
    html = public.content.decode()
    box = re.search(r'<div id="my-comments"[^>]*>', html).group()
    assert f'data-src="/comments/mine/{published.pk}/"' in box and "data-rendered" not in box
    assert '<script src="/static/js/comments.js" defer></script>' in html

    post_comment(client, published, body="أنتظر الموافقة")
    # Suppose the public copy above is what a cache hands this browser: its
    # script asks the endpoint, which answers for this browser only.
    fragment = client.get(f"/comments/mine/{published.pk}/")
    assert fragment.status_code == 200
    assert "أنتظر الموافقة" in fragment.content.decode()
    assert "بانتظار المراجعة" in fragment.content.decode()
    assert "private" in fragment["Cache-Control"] and "no-store" in fragment["Cache-Control"]
    assert "أنتظر الموافقة" not in anonymous.get(f"/comments/mine/{published.pk}/").content.decode()


@pytest.mark.django_db
def test_the_cookie_is_dropped_once_every_comment_is_moderated(client, published):
    post_comment(client, published)
    Comment.objects.all().moderate(Comment.Status.APPROVED, None)
    response = client.get(f"/comments/mine/{published.pk}/")
    assert response.cookies[OWN_COMMENTS_COOKIE].value == ""
    # With the cookie gone, this browser gets the page everyone gets.
    assert "private" not in client.get(published.get_absolute_url()).get("Cache-Control", "")
