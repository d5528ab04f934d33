"""The comment form on the article page: fields, Arabic errors, what is saved, closing."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .commenting import approve, comment_data, post_comment


def comment_section(html):
    return html[html.index('<section id="comments"') :]


@pytest.mark.django_db
def test_form_is_on_the_article_page_with_labels_and_required_marks(client, published):
    html = comment_section(client.get(published.get_absolute_url()).content.decode())
    assert "اترك تعليقًا" in html
    assert "لن يُنشر بريدك الإلكتروني. الحقول المطلوبة مشار إليها بـ *" in html
    for field, label in [("name", "الاسم"), ("email", "البريد الإلكتروني"), ("body", "التعليق")]:
        assert re.search(
            rf'<label for="id_{field}">{label} <span class="required-mark" aria-hidden="true">\*',
            html,
        ), field
        tag = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', html).group()
        assert f'id="id_{field}"' in tag
        assert " required" in tag and 'aria-required="true"' in tag
    email = re.search(r'<input[^>]*name="email"[^>]*>', html).group()
    assert 'aria-describedby="id_email_helptext"' in email
    assert 'id="id_email_helptext">لن يُنشر بريدك الإلكتروني.' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": ""}, "name", "يُرجى كتابة اسمك."),
        ({"name": " \t "}, "name", "يُرجى كتابة اسمك."),
        ({"name": "\u202e\u2066\u200f"}, "name", "يُرجى كتابة اسمك."),
        ({"name": "ن" * 101}, "name", "الاسم طويل جدًا: الحد الأقصى 100 حرف."),
        ({"email": ""}, "email", "يُرجى كتابة بريدك الإلكتروني."),
        ({"email": "ليس-بريدا"}, "email", "يُرجى إدخال عنوان بريد إلكتروني صحيح"),
        ({"email": "a@b"}, "email", "يُرجى إدخال عنوان بريد إلكتروني صحيح"),
        ({"body": ""}, "body", "يُرجى كتابة تعليقك."),
        ({"body": "   \n\n  "}, "body", "يُرجى كتابة تعليقك."),
        ({"body": "ت" * 5001}, "body", "التعليق طويل جدًا: الحد الأقصى 5000 حرف."),
    ],
)
def test_invalid_input_comes_back_in_arabic_with_text_kept_and_nothing_saved(
    client, published, fields, field, message
):
    data = comment_data(published, **fields)
    response = post_comment(client, published, **data)
    assert response.status_code == 400
    html = comment_section(response.content.decode())
    # A summary linking to the field, and the error beside the field itself.
    summary = html[html.index('id="comment-errors"') : html.index("</ul>")]
    assert 'role="alert"' in summary and f'href="#id_{field}"' in summary and message in summary
    error = re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>([^<]*)', html).group(1)
    assert message in error
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', html).group()
    assert 'aria-invalid="true"' in tag and f"id_{field}_error" in tag
    # What the reader typed in the other fields is still there.
    kept = {k: v for k, v in data.items() if k in {"name", "email", "body"} and k != field}
    for value in kept.values():
        assert value in html
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_limits_are_exact(client, published):
    response = post_comment(client, published, name="ن" * 100, body="ت" * 5000)
    assert response.status_code == 303
    assert Comment.objects.get().name == "ن" * 100


@pytest.mark.django_db
def test_valid_comment_is_saved_pending_and_reader_is_redirected_back(client, published):
    response = post_comment(client, published, name="سعاد", email="suad@example.org")
    assert response.status_code == 303
    assert response["Location"] == f"{published.get_absolute_url()}#my-comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.article, comment.name, comment.email) == (published, "سعاد", "suad@example.org")
    page = client.get(response["Location"]).content.decode()
    assert "وصلنا تعليقك وهو بانتظار المراجعة" in page


@pytest.mark.django_db
def test_names_lose_control_and_direction_characters(client, published):
    post_comment(client, published, name="\u202eسامي\u2066  \u200bالخطيب\u2069\x07\u061c ")
    assert Comment.objects.get().name == "سامي الخطيب"


@pytest.mark.django_db
def test_names_are_isolated_and_bodies_escaped_with_line_breaks(client, published):
    post_comment(
        client,
        published,
        name="<b>Sam</b>",
        body="سطر أول <script>alert(1)</script>\nسطر ثان https://spam.example/x",
    )
    approve(*Comment.objects.all())
    html = comment_section(client.get(published.get_absolute_url()).content.decode())
    assert '<bdi class="comment-author">&lt;b&gt;Sam&lt;/b&gt;</bdi>' in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "سطر أول &lt;script&gt;alert(1)&lt;/script&gt;<br>سطر ثان" in html
    assert "https://spam.example/x" in html and 'href="https://spam.example' not in html


@pytest.mark.django_db
def test_reply_goes_under_its_parent_and_replies_to_replies_join_the_thread(client, published):
    post_comment(client, published, name="الأول", body="التعليق الأصلي")
    parent = Comment.objects.get()
    approve(parent)
    page = client.get(f"{published.get_absolute_url()}?reply_to={parent.pk}").content.decode()
    assert "الرد على <bdi>الأول</bdi>" in page
    assert f'name="reply_to" value="{parent.pk}"' in page
    post_comment(client, published, name="الثاني", body="رد على الأصلي", reply_to=parent.pk)
    reply = Comment.objects.get(name="الثاني")
    assert reply.parent == parent
    approve(reply)
    post_comment(client, published, name="الثالث", body="رد على الرد", reply_to=reply.pk)
    assert Comment.objects.get(name="الثالث").parent == parent


@pytest.mark.django_db
def test_reply_to_an_unapproved_or_foreign_comment_is_refused(client, published, make_article):
    post_comment(client, published, body="لم يعتمد بعد")
    pending = Comment.objects.get()
    other = make_article()
    post_comment(client, other, body="على خبر آخر")
    foreign = Comment.objects.get(article=other)
    approve(foreign)
    for target in (pending, foreign):
        response = post_comment(client, published, body=f"رد {target.pk}", reply_to=target.pk)
        assert response.status_code == 400
        assert "التعليق الذي تردّ عليه لم يعد متاحًا." in response.content.decode()
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_closed_article_shows_a_notice_and_refuses_posts(client, published):
    Article.objects.filter(pk=published.pk).update(comments_open=False)
    html = comment_section(client.get(published.get_absolute_url()).content.decode())
    assert "التعليقات مغلقة على هذا المقال." in html
    assert '<form class="comment-form"' not in html
    response = post_comment(client, published, body="رأيي <b>المكتوب</b> قبل الإغلاق")
    assert response.status_code == 403
    refused = response.content.decode()
    assert "التعليقات مغلقة على هذا المقال، ولم يُحفظ تعليقك." in refused
    # The reader's text comes back (escaped) so it is not lost.
    assert "رأيي &lt;b&gt;المكتوب&lt;/b&gt; قبل الإغلاق</textarea>" in refused
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comments_close_by_themselves_after_the_set_number_of_days(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    old = make_article(published_at=timezone.now() - timedelta(days=8))
    recent = make_article(published_at=timezone.now() - timedelta(days=6))
    assert "التعليقات مغلقة" in client.get(old.get_absolute_url()).content.decode()
    assert post_comment(client, old).status_code == 403
    assert "التعليقات مغلقة" not in client.get(recent.get_absolute_url()).content.decode()
    assert post_comment(client, recent).status_code == 303
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert post_comment(client, old).status_code == 303


@pytest.mark.django_db
def test_unpublished_articles_take_no_comments(client, draft, scheduled):
    for article in (draft, scheduled):
        assert post_comment(client, article).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_the_comment_form_refuses_get(client, published):
    assert client.get(f"/comments/post/{published.pk}/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_null_characters_are_an_arabic_error_not_a_server_error(client, published, field):
    value = {"name": "سامي\x00", "email": "a\x00@example.org", "body": "نص\x00"}[field]
    response = post_comment(client, published, **{field: value})
    assert response.status_code == 400
    assert 'id="comment-errors"' in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_malformed_reply_target_is_an_error_not_a_crash(client, published):
    response = post_comment(client, published, reply_to="abc")
    assert response.status_code == 400
    assert not Comment.objects.exists()
