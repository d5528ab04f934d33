"""Writers and Editors, created by data migrations, enforced through real admin requests."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article

from .conftest import article_form_data, desk_user

ADD_URL = "/admin/articles/article/add/"
CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def writers_draft(make_article, writer):
    return make_article(
        "مسودة الكاتبة عن الأسواق", status=Article.Status.DRAFT, authors=[writer.author]
    )


@pytest.mark.django_db
def test_migrations_create_the_two_roles():
    writers = set(Group.objects.get(name="Writers").permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article"} <= writers
    assert "publish_article" not in writers and "delete_article" not in writers
    assert {"publish_article", "delete_article", "change_category", "change_author"} <= editors
    assert "change_tag" in editors


@pytest.mark.django_db
def test_writer_writes_a_draft_with_their_byline(client, writer, category):
    client.force_login(writer)
    form = client.get(ADD_URL)
    assert form.status_code == 200
    # The form starts with the writer's byline.
    byline = form.context["adminform"].form.initial["authors"]
    assert byline == [writer.author.pk]
    response = client.post(
        ADD_URL,
        article_form_data(
            title="أسعار الخضار في السوق المركزي", category=category.pk, authors=byline
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert list(article.authors.all()) == [writer.author]


@pytest.mark.django_db
def test_writer_cannot_publish_a_new_article(client, writer, category):
    client.force_login(writer)
    response = client.post(
        ADD_URL,
        article_form_data(
            title="خبر يحاول الكاتب نشره", category=category.pk, authors=[writer.author.pk],
            status=Article.Status.PUBLISHED,
        ),
    )  # fmt: skip
    assert response.status_code == 200
    assert "وحدهم المحررون" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_writer_cannot_publish_their_draft(client, writer, writers_draft):
    client.force_login(writer)
    response = client.post(
        change_url(writers_draft),
        article_form_data(writers_draft, title="عنوان جديد", status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 200
    assert "وحدهم المحررون" in response.content.decode()
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.DRAFT
    assert writers_draft.title == "مسودة الكاتبة عن الأسواق"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field",
    [
        {"published_at_0": "2030-01-01", "published_at_1": "09:00:00"},
        {"is_featured": "on"},
    ],
)
def test_writer_cannot_schedule_or_feature(client, writer, writers_draft, field):
    client.force_login(writer)
    response = client.post(change_url(writers_draft), article_form_data(writers_draft, **field))
    assert response.status_code == 200
    assert "وحدهم المحررون" in response.content.decode()
    writers_draft.refresh_from_db()
    assert writers_draft.published_at is None and not writers_draft.is_featured


@pytest.mark.django_db
def test_writer_edits_their_draft(client, writer, writers_draft):
    client.force_login(writer)
    response = client.post(
        change_url(writers_draft), article_form_data(writers_draft, title="عنوان أدق للمسودة")
    )
    assert response.status_code == 302
    writers_draft.refresh_from_db()
    assert writers_draft.title == "عنوان أدق للمسودة"


@pytest.mark.django_db
def test_writer_sees_only_their_own_articles(client, writer, writers_draft, published):
    client.force_login(writer)
    listing = client.get("/admin/articles/article/").content.decode()
    assert writers_draft.title in listing
    assert published.title not in listing
    # Someone else's article does not exist for them, not even by its address.
    assert client.get(change_url(published)).status_code == 302
    response = client.post(change_url(published), article_form_data(published, title="تخريب"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title != "تخريب"


@pytest.mark.django_db
def test_writer_cannot_read_another_writers_history(client, writer, other_writer, make_article):
    theirs = make_article(status=Article.Status.DRAFT, authors=[other_writer.author])
    version = theirs.history.latest()
    client.force_login(writer)
    assert client.get(f"/admin/articles/article/{theirs.pk}/history/").status_code in {403, 404}
    url = f"/admin/articles/article/{theirs.pk}/history/{version.history_id}/"
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_writer_cannot_change_their_published_article(client, writer, make_article):
    article = make_article("خبر نشره المحرر", authors=[writer.author])
    client.force_login(writer)
    page = client.get(change_url(article))
    assert page.status_code == 200  # read only
    assert 'name="title"' not in page.content.decode()
    response = client.post(change_url(article), article_form_data(article, title="تعديل"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "خبر نشره المحرر"


@pytest.mark.django_db
def test_writer_cannot_use_the_publish_action(client, writer, writers_draft):
    client.force_login(writer)
    listing = client.get("/admin/articles/article/").content.decode()
    assert "publish_now" not in listing
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [writers_draft.pk]})
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.DRAFT


@pytest.mark.django_db
def test_writer_without_a_byline_is_refused(client, category):
    user = desk_user("no-byline", "Writers")
    client.force_login(user)
    response = client.post(ADD_URL, article_form_data(category=category.pk))
    assert response.status_code == 200
    assert "غير مرتبط" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_editor_publishes_and_schedules(client, desk_editor, writers_draft):
    client.force_login(desk_editor)
    later = timezone.localtime(timezone.now() + timedelta(days=2))
    response = client.post(
        change_url(writers_draft),
        article_form_data(
            writers_draft,
            status=Article.Status.PUBLISHED,
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
            is_featured="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    writers_draft.refresh_from_db()
    assert writers_draft.is_scheduled and writers_draft.is_featured


@pytest.mark.django_db
def test_editor_uses_the_publish_action(client, desk_editor, writers_draft):
    client.force_login(desk_editor)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [writers_draft.pk]})
    writers_draft.refresh_from_db()
    assert writers_draft in Article.objects.published()


# The Moderators boundary (a moderator cannot open an article's change form) is
# tests/test_comments_moderation.py::test_moderators_can_do_nothing_to_articles.


# Every field of the article form, with a changed value a writer might send, and
# whether a writer may make that change on their own draft. A field added to the
# form without a decision here fails the test below.
WRITER_CHANGES = {
    "title": ("عنوان آخر للمسودة", True),
    "slug": ("عنوان-آخر", True),
    "standfirst": ("ملخص آخر.", True),
    "body": ("<p>نص آخر للمسودة.</p>", True),
    "tags": ("أسواق، أسعار", True),
    "category": (None, True),  # another section, filled in by the test
    "authors": (None, True),  # their byline stays on whatever they choose
    "lead_image": (None, True),  # a library image, filled in by the test
    "status": (Article.Status.PUBLISHED, False),
    "published_at": (("2030-01-01", "09:00:00"), False),
    "is_featured": ("on", False),
    "comments_open": (None, False),  # unticked: closing comments is the editors' call
}


@pytest.mark.django_db
def test_every_article_field_is_decided_for_writers(client, writer, writers_draft):
    from django.contrib import admin
    from django.test import RequestFactory

    from articles.admin import ArticleAdmin

    request = RequestFactory().get("/")
    request.user = writer
    form = admin.site.get_model_admin(Article).get_form(request, writers_draft)
    assert isinstance(admin.site.get_model_admin(Article), ArticleAdmin)
    shown = set(form.base_fields) - {"loaded_version"}
    assert shown <= set(WRITER_CHANGES), shown - set(WRITER_CHANGES)


@pytest.mark.django_db
@pytest.mark.parametrize("field", sorted(WRITER_CHANGES))
def test_writers_change_only_what_writers_may(client, writer, writers_draft, field):
    from .factories import library_image, section

    value, allowed = WRITER_CHANGES[field]
    values = {
        "category": section("اقتصاد", position=5).pk,
        "authors": [writer.author.pk],
        "lead_image": library_image().pk,
    }
    data = article_form_data(writers_draft)
    if field == "published_at":
        data["published_at_0"], data["published_at_1"] = value
    elif field == "comments_open":
        data.pop("comments_open")
    else:
        data[field] = values.get(field, value)
    client.force_login(writer)
    response = client.post(change_url(writers_draft), data)
    assert (response.status_code == 302) is allowed, field
    writers_draft.refresh_from_db()
    if not allowed:
        assert writers_draft.status == Article.Status.DRAFT and writers_draft.comments_open
        assert writers_draft.published_at is None and not writers_draft.is_featured
