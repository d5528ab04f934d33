"""Two people on one article: the form says who else has it open; an older form cannot
save over a newer version, and what was typed is still in the form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.edit_lock import PRESENCE_WINDOW
from articles.models import EditingSession

from .conftest import article_form_data, desk_user


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def second_editor(db):
    return desk_user("second-editor", "Editors", author_name="مازن عيسى")


@pytest.mark.django_db
def test_the_form_says_who_else_has_it_open(client, desk_editor, second_editor, published):
    client.force_login(desk_editor)
    client.get(change_url(published))
    client.force_login(second_editor)
    page = client.get(change_url(published)).content.decode()
    assert "مفتوح أيضًا لدى هدى فارس منذ" in page
    # The first editor closes the form (the page says so as it goes).
    client.force_login(desk_editor)
    assert client.post(change_url(published).replace("change/", "closed/")).status_code == 204
    client.force_login(second_editor)
    assert "هدى فارس" not in client.get(change_url(published)).content.decode()


@pytest.mark.django_db
def test_a_form_not_heard_from_is_taken_as_closed(client, desk_editor, second_editor, published):
    client.force_login(desk_editor)
    client.get(change_url(published))
    EditingSession.objects.update(seen_at=timezone.now() - PRESENCE_WINDOW - timedelta(seconds=1))
    client.force_login(second_editor)
    assert "هدى فارس" not in client.get(change_url(published)).content.decode()


@pytest.mark.django_db
def test_the_page_keeps_its_presence_alive(client, desk_editor, published):
    client.force_login(desk_editor)
    client.get(change_url(published))
    EditingSession.objects.update(seen_at=timezone.now() - timedelta(minutes=2))
    still_open = client.post(change_url(published).replace("change/", "still-open/"))
    assert still_open.status_code == 200 and still_open.json() == {"others": []}
    assert EditingSession.objects.get().seen_at > timezone.now() - timedelta(seconds=5)


@pytest.mark.django_db
def test_an_open_form_hears_who_opened_the_article_since(
    client, desk_editor, second_editor, published
):
    client.force_login(desk_editor)
    client.get(change_url(published))
    client.force_login(second_editor)
    client.get(change_url(published))
    client.force_login(desk_editor)
    beat = client.post(change_url(published).replace("change/", "still-open/")).json()
    assert len(beat["others"]) == 1 and "مازن عيسى" in beat["others"][0]


@pytest.mark.django_db
def test_saving_over_a_newer_version_is_refused(client, desk_editor, second_editor, published):
    client.force_login(desk_editor)
    first_form = client.get(change_url(published)).context["adminform"].form
    loaded = first_form.initial["loaded_version"]
    client.force_login(second_editor)
    newer = article_form_data(published, title="عنوان الزميل الأحدث", loaded_version=loaded)
    assert client.post(change_url(published), newer).status_code == 302

    client.force_login(desk_editor)
    mine = article_form_data(
        published, title="عنواني الذي كتبته", body="<p>فقرة كتبتها للتو.</p>", loaded_version=loaded
    )
    response = client.post(change_url(published), mine)
    assert response.status_code == 200
    html = response.content.decode()
    assert "مازن عيسى" in html and "لم تُحفظ" in html
    # Nothing typed is lost: the form shows it again.
    assert "عنواني الذي كتبته" in html and "فقرة كتبتها للتو." in html
    published.refresh_from_db()
    assert published.title == "عنوان الزميل الأحدث"
    # Knowing of the other version, a second save replaces it (the history keeps both).
    again = response.context["adminform"].form.data.copy()
    assert client.post(change_url(published), again).status_code == 302
    published.refresh_from_db()
    assert published.title == "عنواني الذي كتبته"
    assert published.history.count() >= 3


@pytest.mark.django_db
def test_the_publish_action_counts_as_a_newer_version(client, desk_editor, draft):
    client.force_login(desk_editor)
    loaded = client.get(change_url(draft)).context["adminform"].form.initial["loaded_version"]
    client.post(
        "/admin/articles/article/", {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    response = client.post(change_url(draft), article_form_data(draft, loaded_version=loaded))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.is_published


@pytest.mark.django_db
def test_addresses_naming_no_article_are_no_error(client, desk_editor, writer, published):
    client.force_login(desk_editor)
    assert client.get("/admin/articles/article/abc/change/").status_code == 302
    assert client.post("/admin/articles/article/abc/still-open/").status_code == 404
    assert client.get(change_url(published).replace("change/", "still-open/")).status_code == 404
    # Someone else's article is no business of a writer's.
    client.force_login(writer)
    assert client.post(change_url(published).replace("change/", "closed/")).status_code == 404


@pytest.mark.django_db
def test_restoring_an_old_version_is_no_stale_save(client, desk_editor, published):
    client.force_login(desk_editor)
    for title in ("عنوان ثان", "عنوان ثالث"):
        client.post(change_url(published), article_form_data(published, title=title))
    oldest = published.history.earliest()
    restore_url = change_url(published).replace("change/", f"history/{oldest.history_id}/")
    form = client.get(restore_url).context["adminform"].form
    loaded = form["loaded_version"].value()
    response = client.post(restore_url, article_form_data(oldest.instance, loaded_version=loaded))
    assert response.status_code == 302, response.content.decode()[:2000]
    published.refresh_from_db()
    assert published.title == oldest.title
