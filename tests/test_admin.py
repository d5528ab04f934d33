"""Editors write and publish through the Django admin, in Arabic."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from images.models import Image

from .conftest import jpeg_bytes


@pytest.mark.django_db
def test_admin_is_arabic_and_rtl(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "المقالات" in html


@pytest.mark.django_db
def test_editor_adds_and_publishes_an_article(client, editor, category, author):
    client.force_login(editor)
    upload = client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile("lead.jpg", jpeg_bytes(), "image/jpeg"),
            "alt_text": "زوار يتصفحون الكتب",
            "caption": "زوار في أروقة المعرض",
            "credit": "نادية سليم",
        },
    )
    assert upload.status_code == 302, upload.content.decode()[:3000]
    image = Image.objects.get()
    form_page = client.get("/admin/articles/article/add/")
    assert form_page.status_code == 200
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "افتتاح معرض الكتاب الدولي",
            "slug": "افتتاح-معرض-الكتاب-الدولي",
            "standfirst": "يشارك في المعرض أكثر من مئتي دار نشر.",
            "body": "<h2>الافتتاح</h2><p>افتتح المعرض.</p><script>alert(1)</script>",
            "category": category.pk,
            "authors": [author.pk],
            "tags": "كتب، ثقافة",
            "lead_image": image.pk,
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "comments_open": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="افتتاح-معرض-الكتاب-الدولي")
    assert article in Article.objects.published()
    assert "<script" not in article.body
    assert sorted(article.tags.names()) == ["ثقافة", "كتب"]
    assert article.lead_image.width == 64
    page = client.get(article.get_absolute_url()).content.decode()
    assert "زوار في أروقة المعرض" in page


@pytest.mark.django_db
def test_admin_refuses_bad_input_in_arabic_and_saves_nothing(client, editor, category):
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "",
            "category": category.pk,
            "status": "published",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "هذا الحقل مطلوب" in html
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_article_list_filters_and_publish_action(client, editor, draft, published):
    client.force_login(editor)
    listing = client.get("/admin/articles/article/?status__exact=draft").content.decode()
    assert draft.title in listing and published.title not in listing
    client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft in Article.objects.published()


@pytest.mark.django_db
def test_body_editor_dialogs_get_arabic_words(client, editor):
    client.force_login(editor)
    form = client.get("/admin/articles/article/add/").content.decode()
    catalog_url = reverse("editor-i18n")
    assert f'src="{catalog_url}"' in form
    # The catalog comes before the editor, which reads window.gettext when it loads.
    assert form.index(f'src="{catalog_url}"') < form.index(
        'src="/static/django_prose_editor/editor.js"'
    )
    catalog = client.get(catalog_url).content.decode()
    for english, arabic in [("Open in new window", "افتح في نافذة جديدة"), ("Cancel", "إلغاء")]:
        assert json.dumps({english: arabic})[1:-1] in catalog
