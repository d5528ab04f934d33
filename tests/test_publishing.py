"""Scheduling in the admin, staff previews, corrections and the article history."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article

from .conftest import article_form_data

CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def article_block(html):
    """The <article> element of a page: what the reader reads."""
    return re.search(r'<article class="article">.*?</article>', html, re.S).group(0)


# Scheduling in the admin list


@pytest.mark.django_db
def test_admin_list_shows_scheduled_articles_with_their_time(
    client, desk_editor, scheduled, published, draft
):
    client.force_login(desk_editor)
    html = client.get(CHANGELIST).content.decode()
    local = timezone.localtime(scheduled.published_at)
    assert '<strong class="state-scheduled">مجدول</strong>' in html
    assert f'datetime="{scheduled.published_at.isoformat()}"' in html
    assert local.strftime("%H:%M") in html
    only_scheduled = client.get(CHANGELIST, {"state": "scheduled"}).content.decode()
    assert scheduled.title in only_scheduled
    assert published.title not in only_scheduled and draft.title not in only_scheduled
    only_drafts = client.get(CHANGELIST, {"state": "draft"}).content.decode()
    assert draft.title in only_drafts and scheduled.title not in only_drafts
    only_public = client.get(CHANGELIST, {"state": "published"}).content.decode()
    assert published.title in only_public and scheduled.title not in only_public


# Previews


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["draft", "scheduled"])
def test_staff_preview_unpublished_articles(client, desk_editor, fixture, request):
    article = request.getfixturevalue(fixture)
    client.force_login(desk_editor)
    response = client.get(article.get_preview_url())
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert article.title in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.django_db
def test_readers_cannot_use_the_preview(client, draft, scheduled):
    for article in (draft, scheduled):
        assert client.get(article.get_preview_url()).status_code == 404
    reader = User.objects.create_user("reader")
    client.force_login(reader)
    assert client.get(draft.get_preview_url()).status_code == 404


@pytest.mark.django_db
def test_writers_preview_only_their_own_articles(client, writer, make_article, draft):
    own = make_article(status=Article.Status.DRAFT, authors=[writer.author])
    client.force_login(writer)
    assert client.get(own.get_preview_url()).status_code == 200
    assert client.get(draft.get_preview_url()).status_code == 404


@pytest.mark.django_db
def test_preview_is_what_readers_will_read(client, desk_editor, scheduled):
    client.force_login(desk_editor)
    preview = article_block(client.get(scheduled.get_preview_url()).content.decode())
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    client.logout()
    scheduled.refresh_from_db()
    reader = article_block(client.get(scheduled.get_absolute_url()).content.decode())
    # Same markup; only the date line may differ, as the publication time moved.
    strip_time = re.compile(r"<p class=\"byline\">.*?</p>", re.S)
    assert strip_time.sub("", preview) == strip_time.sub("", reader)


@pytest.mark.django_db
def test_view_on_site_leads_to_the_preview_until_published(client, desk_editor, draft, published):
    client.force_login(desk_editor)
    assert draft.get_preview_url() in client.get(change_url(draft)).content.decode()
    assert published.get_absolute_url() in client.get(change_url(published)).content.decode()


# Corrections: «آخر تحديث»


@pytest.mark.django_db
def test_correcting_a_published_article_shows_the_update_time(client, desk_editor, published):
    client.force_login(desk_editor)
    response = client.post(
        change_url(published),
        article_form_data(published, body="<p>نص مصحح: الميزانية أقرت بالإجماع.</p>"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    published.refresh_from_db()
    assert published.revised_at is not None and published.was_updated
    client.logout()
    assert "آخر تحديث" in client.get(published.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_changes_that_are_not_corrections_show_no_update_time(
    client, desk_editor, published, draft
):
    client.force_login(desk_editor)
    # A published article whose tags change, and one whose row is saved long after.
    client.post(change_url(published), article_form_data(published, tags="ميزانية، بلدية"))
    Article.objects.filter(pk=published.pk).update(published_at=timezone.now() - timedelta(days=3))
    published.refresh_from_db()
    published.save()
    # A draft rewritten before publication.
    client.post(change_url(draft), article_form_data(draft, body="<p>نص أعيدت كتابته.</p>"))
    client.post(change_url(draft), article_form_data(draft, status=Article.Status.PUBLISHED))
    client.logout()
    for article in (published, draft):
        article.refresh_from_db()
        assert article.revised_at is None
        assert "آخر تحديث" not in client.get(article.get_absolute_url()).content.decode()


# History: see what changed, restore a version


@pytest.mark.django_db
def test_history_shows_word_changes_and_restores_a_version(client, desk_editor, published):
    client.force_login(desk_editor)
    first_body = published.body
    client.post(
        change_url(published),
        article_form_data(published, body="<p>أقر المجلس الميزانية الجديدة مساء الأحد.</p>"),
    )
    client.post(
        change_url(published),
        article_form_data(published, body="<p>أقر المجلس الميزانية الجديدة مساء الاثنين.</p>"),
    )
    history_url = f"/admin/articles/article/{published.pk}/history/"
    html = client.get(history_url).content.decode()
    assert "<del>الأحد.</del>" in html and "<ins>الاثنين.</ins>" in html
    assert '<th scope="col">التغييرات</th>' in html  # the package's own word, in Arabic

    oldest = published.history.earliest()
    restore_url = f"{history_url}{oldest.history_id}/"
    form = client.get(restore_url)
    assert form.status_code == 200
    response = client.post(restore_url, article_form_data(oldest.instance))
    assert response.status_code == 302, response.content.decode()[:2000]
    published.refresh_from_db()
    assert published.body == first_body
    assert published.history.count() == 4


def test_word_diff_marks_removed_and_added_words_across_markup():
    from articles.revisions import word_diff

    old, new = word_diff("<p>عاد الوفد</p><p>يوم الأحد</p>", "<p>عاد الوفد</p><p>يوم الاثنين</p>")
    assert old == "عاد الوفد يوم <del>الأحد</del>"
    assert new == "عاد الوفد يوم <ins>الاثنين</ins>"
