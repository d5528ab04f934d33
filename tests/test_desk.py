"""The body editor, figures from the library, and the checks before publishing."""

import re

import pytest
from django.contrib.messages import get_messages
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.admin import BODY_EDITOR_EXTENSIONS
from articles.body import BODY_TAGS, BODY_URL_SCHEMES
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
    assert offered["attributes"]["a"] <= {"href", "title", "rel"}
    assert offered["url_schemes"] == BODY_URL_SCHEMES


# Figures


@pytest.mark.django_db
def test_figures_from_the_library_are_placed_by_their_marker(client, desk_editor, published):
    market = library_image("باعة في السوق القديم", caption="السوق صباحًا", credit="منى يوسف")
    port = library_image("سفن راسية", caption="الميناء")
    client.force_login(desk_editor)
    response = client.post(
        change_url(published),
        article_form_data(
            published,
            body=(
                "<p>فقرة أولى.</p><p>[[figure:1]]</p><p>فقرة ثانية.</p><p>[[صورة:2]]</p>"
                "<p>[[figure:7]]</p>"
            ),
            figures=[
                {"position": 1, "image": market.pk, "caption": ""},
                {"position": 2, "image": port.pk, "caption": "الميناء عند الغروب"},
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    published.refresh_from_db()
    assert "[[figure:1]]" in published.body  # the source keeps the markers
    page = client.get(published.get_absolute_url()).content.decode()
    body = re.search(r'<div class="article-body">(.*?)</div>', page, re.S).group(1)
    figures = re.findall(r'<figure class="body-figure">.*?</figure>', body, re.S)
    assert len(figures) == 2
    first, second = figures
    assert 'alt="باعة في السوق القديم"' in first and 'loading="lazy"' in first
    assert "<figcaption>السوق صباحًا" in first and "منى يوسف" in first
    assert 'type="image/webp"' in first and "srcset=" in first and 'width="64"' in first
    assert "<figcaption>الميناء عند الغروب</figcaption>" in second
    assert "[[" not in body  # the marker without a figure is dropped
    assert body.index("فقرة أولى") < body.index(first) < body.index("فقرة ثانية")
    assert "يضع النص الشكل 7، ولا يوجد شكل بهذا الرقم." in warnings_of(response)


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
            body="<p>نص.</p><p>[[figure:1]]</p>",
            figures=[{"position": 1, "image": figure_image.pk, "caption": ""}],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    warnings = " ".join(warnings_of(response))
    assert "ليس للصورة الرئيسية تعليق" in warnings
    assert "ليس للشكل 1 نص بديل" in warnings and "ليس للشكل 1 تعليق" in warnings
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
            body="<p>[[figure:1]]</p>",
            figures=[{"position": 1, "image": photo.pk, "caption": "السوق"}],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ArticleFigure.objects.filter(article=draft).count() == 1


@pytest.mark.django_db
def test_describing_an_image_later_updates_the_articles_showing_it(client, desk_editor, published):
    photo = library_image(alt_text="", caption="")
    ArticleFigure.objects.create(article=published, position=1, image=photo)
    published.body = "<p>[[figure:1]]</p>"
    published.save()
    client.force_login(desk_editor)
    response = client.post(
        f"/admin/images/image/{photo.pk}/change/",
        {"alt_text": "حافلة المدينة الجديدة", "caption": "الحافلة في يومها الأول", "credit": ""},
    )
    assert response.status_code == 302
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'alt="حافلة المدينة الجديدة"' in page and "الحافلة في يومها الأول" in page
