"""The body editor, figures from the library, and the checks before publishing."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.admin import BODY_EDITOR_EXTENSIONS
from articles.body import BODY_ATTRIBUTES, BODY_TAGS, BODY_URL_SCHEMES
from articles.models import Article, ArticleFigure

from .conftest import article_form_data, library_image

ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def warnings_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# The editor


@pytest.mark.django_db
def test_the_body_is_edited_in_a_right_to_left_editor_shipped_with_the_site(client, desk_editor):
    client.force_login(desk_editor)
    html = client.get(ADD_URL).content.decode()
    textarea = re.search(r"<textarea[^>]*name=\"body\"[^>]*>", html).group(0)
    assert "data-django-prose-editor-configurable" in textarea
    assert 'dir="rtl"' in textarea
    assert '<script type="importmap"' in html
    assert "/static/django_prose_editor/editor.js" in html
    assert "/static/css/desk-admin.css" in html
    # Everything the editor needs comes from our own static files.
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_editor_offers_exactly_what_the_sanitizer_keeps():
    offered = allowlist_from_extensions(expand_extensions(BODY_EDITOR_EXTENSIONS))
    # <b> and <i> are accepted from pastes and rewritten as <strong> and <em>.
    assert offered["tags"] == BODY_TAGS - {"b", "i"}
    assert offered["attributes"]["figure"] == BODY_ATTRIBUTES["figure"]
    assert offered["attributes"]["a"] <= {"href", "title", "rel"}
    assert offered["url_schemes"] == BODY_URL_SCHEMES


# Figures


def figure(image, caption=""):
    """A photo as the body editor stores it (the preview <img> is the browser's guess)."""
    return (
        f'<figure data-image="{image.pk}"><img src="https://elsewhere.example/x.jpg" alt="">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


@pytest.mark.django_db
def test_photos_in_the_body_are_library_figures_rendered_as_pictures(
    client, desk_editor, published
):
    market = library_image("باعة في السوق القديم", caption="السوق", credit="منى يوسف")
    port = library_image("سفن راسية", caption="الميناء")
    client.force_login(desk_editor)
    response = client.post(
        change_url(published),
        article_form_data(
            published,
            body=(
                f"<p>فقرة أولى.</p>{figure(market, 'السوق <em>صباحًا</em>')}<p>فقرة ثانية.</p>"
                f"{figure(port, 'الميناء عند الغروب')}"
                '<figure data-image="999999"><figcaption>لا صورة</figcaption></figure>'
            ),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    published.refresh_from_db()
    # Stored: the image id and the caption; the preview is the library's, not the browser's.
    assert f'<figure data-image="{market.pk}"><img src="/media/' in published.body
    assert "elsewhere.example" not in published.body and "999999" not in published.body
    assert list(published.figures.values_list("image_id", flat=True)) == [market.pk, port.pk]
    page = client.get(published.get_absolute_url()).content.decode()
    body = re.search(r'<div class="article-body">(.*?)</div>', page, re.S).group(1)
    figures = re.findall(r'<figure class="body-figure">.*?</figure>', body, re.S)
    assert len(figures) == 2
    first, second = figures
    assert 'alt="باعة في السوق القديم"' in first and 'loading="lazy"' in first
    assert "<figcaption>السوق <em>صباحًا</em>" in first and "منى يوسف" in first
    assert 'type="image/webp"' in first and "srcset=" in first and 'width="64"' in first
    assert "<figcaption>الميناء عند الغروب</figcaption>" in second
    assert "لا صورة" not in body and "data-image" not in body
    assert body.index("فقرة أولى") < body.index(first) < body.index("فقرة ثانية")


@pytest.mark.django_db
def test_a_photo_shown_in_a_body_cannot_be_deleted_from_the_library(published):
    photo = library_image("حافلة")
    published.body = figure(photo, "الحافلة")
    published.save()
    with pytest.raises(ProtectedError):
        photo.delete()
    published.body = "<p>بلا صور.</p>"
    published.save()
    photo.delete()


@pytest.mark.django_db
def test_a_hostile_body_posted_to_the_admin_reaches_readers_clean(client, desk_editor, published):
    client.force_login(desk_editor)
    client.post(
        change_url(published),
        article_form_data(
            published,
            body='<p onclick="x()">نص</p><script>alert(1)</script><img src=x onerror=alert(1)>'
            '<a href="javascript:alert(1)">رابط</a>',
        ),
    )
    published.refresh_from_db()
    for html in (published.body, published.body_html):
        assert "script" not in html and "onclick" not in html and "onerror" not in html
        assert "javascript:" not in html and "<img" not in html


# Before publishing: alt text and captions


@pytest.mark.django_db
def test_publishing_is_refused_without_alt_text_on_the_lead_image(
    client, desk_editor, make_article
):
    undescribed = library_image(alt_text="")
    draft = make_article("خبر بصورة بلا وصف", status=Article.Status.DRAFT)
    client.force_login(desk_editor)
    response = client.post(
        change_url(draft),
        article_form_data(draft, lead_image=undescribed.pk, status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 200
    assert "ليس للصورة الرئيسية نص بديل" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.lead_image is None
    # As a draft it saves, with a warning.
    response = client.post(change_url(draft), article_form_data(draft, lead_image=undescribed.pk))
    assert response.status_code == 302
    assert any("نص بديل" in w for w in warnings_of(response))


@pytest.mark.django_db
def test_the_publish_action_skips_articles_whose_lead_image_has_no_alt_text(
    client, desk_editor, make_article
):
    blind = make_article(
        "خبر لا يُنشر", status=Article.Status.DRAFT, lead_image=library_image(alt_text="")
    )
    ready = make_article("خبر جاهز", status=Article.Status.DRAFT, image=True)
    client.force_login(desk_editor)
    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [blind.pk, ready.pk]},
    )
    assert any("خبر لا يُنشر" in w for w in warnings_of(response))
    assert list(Article.objects.published()) == [ready]


@pytest.mark.django_db
def test_missing_captions_and_figure_alt_texts_are_warned_about(client, desk_editor, make_article):
    lead = library_image("وصف موجود", caption="")
    figure_image = library_image(alt_text="", caption="")
    article = make_article("خبر بصور ناقصة الوصف", status=Article.Status.DRAFT)
    client.force_login(desk_editor)
    response = client.post(
        change_url(article),
        article_form_data(
            article,
            lead_image=lead.pk,
            status=Article.Status.PUBLISHED,
            body=f"<p>نص.</p>{figure(figure_image)}",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    warnings = " ".join(warnings_of(response))
    assert "ليس للصورة الرئيسية تعليق" in warnings
    assert "ليس للصورة 1 في النص نص بديل" in warnings and "ليس للصورة 1 في النص تعليق" in warnings
    assert article in Article.objects.published()  # warned, not refused


@pytest.mark.django_db
def test_writers_place_figures_in_their_drafts(client, writer, make_article):
    draft = make_article(status=Article.Status.DRAFT, authors=[writer.author])
    photo = library_image("سوق الخضار")
    client.force_login(writer)
    response = client.post(
        change_url(draft),
        article_form_data(
            draft,
            body=figure(photo, "السوق"),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ArticleFigure.objects.filter(article=draft).count() == 1


@pytest.mark.django_db
def test_describing_an_image_later_updates_the_articles_showing_it(client, desk_editor, published):
    photo = library_image(alt_text="", caption="")
    published.body = figure(photo, "الحافلة في يومها الأول")
    published.save()
    client.force_login(desk_editor)
    response = client.post(
        f"/admin/images/image/{photo.pk}/change/",
        {
            "alt_text": "حافلة المدينة الجديدة",
            "caption": "حافلة",
            "credit": "",
            "focal_x": "50",
            "focal_y": "50",
        },
    )
    assert response.status_code == 302
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'alt="حافلة المدينة الجديدة"' in page and "الحافلة في يومها الأول" in page
