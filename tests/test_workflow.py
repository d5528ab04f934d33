"""The review workflow, through real admin requests: writers send drafts for review,
editors publish, schedule or send them back with a note. Enforced on the server."""

import pytest

from articles.models import Article

from .conftest import article_form_data

CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def writers_draft(make_article, writer):
    return make_article(
        "مسودة عن أسعار الخبز", status=Article.Status.DRAFT, authors=[writer.author]
    )


@pytest.mark.django_db
def test_writer_sends_a_draft_for_review(client, writer, writers_draft):
    client.force_login(writer)
    form = client.get(change_url(writers_draft)).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.REVIEW),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.REVIEW
    assert writers_draft not in Article.objects.published()


@pytest.mark.django_db
def test_writer_cannot_publish_from_review(client, writer, writers_draft):
    writers_draft.status = Article.Status.REVIEW
    writers_draft.save()
    client.force_login(writer)
    # Waiting for review, the article is the editors' to move: the writer only reads it.
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 403
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.REVIEW
    assert client.get(change_url(writers_draft)).status_code == 200


@pytest.mark.django_db
def test_writer_cannot_publish_a_draft_by_posting_the_status(client, writer, writers_draft):
    client.force_login(writer)
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 200
    assert "وحدهم المحررون" in response.content.decode()
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.DRAFT


@pytest.mark.django_db
def test_editor_sees_what_waits_for_review(client, desk_editor, make_article, writer):
    waiting = make_article("ينتظر المراجعة", status=Article.Status.REVIEW, authors=[writer.author])
    draft = make_article("مسودة لم تُرسل", status=Article.Status.DRAFT, authors=[writer.author])
    client.force_login(desk_editor)
    listing = client.get(CHANGELIST + "?state=review").content.decode()
    assert waiting.title in listing and draft.title not in listing
    assert "جاهز للمراجعة" in listing  # its state, in the list's publication column
    home = client.get("/admin/").content.decode()
    assert waiting.title in home


@pytest.mark.django_db
def test_editor_sends_an_article_back_with_a_note(client, desk_editor, writer, writers_draft):
    writers_draft.status = Article.Status.REVIEW
    writers_draft.save()
    client.force_login(desk_editor)
    note = "ينقص الخبر مصدر للأرقام الواردة في الفقرة الثانية."
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.DRAFT, review_note=note),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    writers_draft.refresh_from_db()
    assert writers_draft.returned_at is not None
    assert list(Article.objects.returned()) == [writers_draft]

    client.force_login(writer)
    home = client.get("/admin/").content.decode()
    assert writers_draft.title in home and note in home
    # The writer reads the note on the form and may not rewrite it.
    form_page = client.get(change_url(writers_draft)).content.decode()
    assert note in form_page
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.REVIEW, review_note="لا شيء"),
    )
    assert response.status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft.review_note == note
    assert writers_draft.status == Article.Status.REVIEW and writers_draft.returned_at is None

    # Published, the article carries no note any more.
    client.force_login(desk_editor)
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft.is_published and writers_draft.review_note == ""


@pytest.mark.django_db
def test_editor_publishes_from_review(client, desk_editor, writers_draft):
    writers_draft.status = Article.Status.REVIEW
    writers_draft.save()
    client.force_login(desk_editor)
    response = client.post(
        CHANGELIST, {"action": "publish_now", "_selected_action": [writers_draft.pk]}
    )
    assert response.status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft in Article.objects.published()
