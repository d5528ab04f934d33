"""The comment form fails closed: no post without a sign of where it came from, no form
older than COMMENTS_FORM_MAX_AGE, and one comment per form and commenter."""

import time

import pytest

from comments.forms import form_token
from comments.models import Comment

from .commenting import comment_data, post_comment


@pytest.mark.django_db
def test_a_post_with_neither_origin_nor_referer_is_refused_with_its_text(client, published):
    data = comment_data(published, body="تعليق أرسله برنامج لا متصفح.")
    response = client.post(f"/comments/post/{published.pk}/", data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "تعليق أرسله برنامج لا متصفح." in html  # given back to copy
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_form_older_than_a_day_is_refused_with_its_text(client, published, settings):
    old = form_token(published, issued=time.time() - settings.COMMENTS_FORM_MAX_AGE - 60)
    response = post_comment(client, published, issued=old, body="تعليق من صفحة قديمة جدًا.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "فُتح هذا النموذج منذ وقت طويل" in html and "تعليق من صفحة قديمة جدًا." in html
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_one_form_sends_one_comment_per_commenter(client, published, settings):
    settings.COMMENTS_FLOOD_SECONDS = 0  # so that only the form's own rule is at work
    token = form_token(published, issued=time.time() - 60)
    first = post_comment(client, published, issued=token, email="nada@example.org")
    assert first.status_code == 303
    again = post_comment(
        client, published, issued=token, email="Nada@example.org", body="تعليق ثان بالنموذج نفسه."
    )
    assert again.status_code == 409
    assert "تعليق ثان بالنموذج نفسه." in again.content.decode()
    # Readers of one cached page share its token: another reader may use it.
    other = post_comment(client, published, issued=token, email="samir@example.org")
    assert other.status_code == 303
    assert Comment.objects.count() == 2
