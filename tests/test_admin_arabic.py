"""The desk in proper Arabic: roles, permissions, the tags app, dates, counts, history."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article, Category

from .conftest import article_form_data


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.mark.django_db
def test_roles_keep_their_names_and_read_in_arabic(admin_client):
    assert {"Editors", "Writers", "Moderators"} <= set(Group.objects.values_list("name", flat=True))
    assert str(Group.objects.get(name="Editors")) == "المحررون"
    html = admin_client.get("/admin/auth/group/").content.decode()
    for arabic in ["المحررون", "الكتّاب", "المشرفون"]:
        assert arabic in html


@pytest.mark.django_db
def test_permission_names_read_in_arabic():
    add = Permission.objects.get(codename="add_article")
    publish = Permission.objects.get(codename="publish_article")
    assert "إضافة" in str(add) and "Can" not in str(add)
    assert "Can" not in str(publish)


@pytest.mark.django_db
def test_the_user_form_is_arabic(admin_client):
    html = admin_client.get("/admin/auth/user/add/").content.decode()
    assert "الدخول بكلمة مرور" in html and "مفعّل" in html and "معطّل" in html
    assert "Password-based" not in html


@pytest.mark.django_db
def test_the_tags_app_is_called_tags(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "الوسوم" in html and "أوْسِمه" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "count, words",
    [(0, "لا مقالات"), (1, "مقال واحد"), (2, "مقالان"), (3, "3 مقالات"), (12, "12 مقالًا"),
     (100, "100 مقال")],
)  # fmt: skip
def test_lists_count_in_proper_arabic(client, desk_editor, make_article, count, words):
    for _ in range(count):
        make_article(status=Article.Status.DRAFT)
    client.force_login(desk_editor)
    html = client.get("/admin/articles/article/").content.decode()
    assert words in html


@pytest.mark.django_db
def test_admin_dates_read_day_month_year(client, desk_editor, make_article):
    when = timezone.make_aware(datetime(2026, 12, 1, 10, 41))
    make_article("خبر بتاريخ معروف", published_at=when)
    client.force_login(desk_editor)
    html = client.get("/admin/articles/article/").content.decode()
    assert "1 ديسمبر 2026، 10:41" in html


@pytest.mark.django_db
def test_a_plain_resave_changes_nothing_in_the_history(client, desk_editor, published):
    # Published by code, to the microsecond, as the publish action does.
    client.force_login(desk_editor)
    assert client.post(change_url(published), article_form_data(published)).status_code == 302
    newest = published.history.first()
    changes = newest.diff_against(newest.prev_record).changed_fields
    assert changes == []
    html = client.get(change_url(published).replace("change/", "history/")).content.decode()
    assert "None" not in html and "تم انشاءه" not in html
    assert "نسختان" in html


@pytest.mark.django_db
def test_the_draft_preview_has_no_empty_dateline(client, desk_editor, draft):
    client.force_login(desk_editor)
    html = client.get(draft.get_preview_url()).content.decode()
    assert "()" not in html
    byline = html[html.index('class="byline"') :]
    byline = byline[: byline.index("</p>")]
    assert "·" not in byline


@pytest.mark.django_db
def test_the_section_popup_adds_a_section_last(client, desk_editor, category):
    Category.objects.create(name="اقتصاد", slug="اقتصاد", position=5)
    client.force_login(desk_editor)
    popup = "/admin/articles/category/add/?_to_field=id&_popup=1"
    form = client.get(popup)
    assert "أضف قسمًا آخر" in client.get("/admin/articles/article/add/").content.decode()
    position = form.context["adminform"].form["position"].value()
    response = client.post(
        popup,
        {
            "name": "منوعات",
            "slug": "منوعات",
            "description": "",
            "position": position,
            "_popup": "1",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert list(Category.objects.values_list("name", flat=True))[-1] == "منوعات"
