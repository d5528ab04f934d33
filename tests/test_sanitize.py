"""Article bodies are reduced to an allow-list of HTML when saved."""

import pytest

from articles.models import sanitize_body

HOSTILE = [
    ("<p>نص</p><script>alert(1)</script>", "<script", "alert(1)"),
    ('<p onclick="steal()">نص</p>', "onclick", "steal"),
    ('<a href="javascript:alert(1)">رابط</a>', "javascript:", None),
    ('<a href="JaVaScRiPt:alert(1)">رابط</a>', "alert", None),
    ('<img src="x.jpg" onerror="steal()">', "onerror", "steal"),
    ('<p style="position:fixed">نص</p>', "style", "fixed"),
    ('<iframe src="https://evil.example"></iframe>', "iframe", "evil"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:", None),
    ("<svg><script>alert(1)</script></svg>", "svg", "alert"),
    ("<style>body{display:none}</style><p>نص</p>", "<style", "display"),
    ("<p>نص<!-- تعليق خفي --></p>", "<!--", "خفي"),
]


@pytest.mark.parametrize("html,tag,payload", HOSTILE)
def test_hostile_markup_is_removed(html, tag, payload):
    clean = sanitize_body(html)
    assert tag.lower() not in clean.lower()
    if payload:
        assert payload not in clean


def test_allowed_structure_survives():
    html = (
        "<h2>عنوان</h2><h3>فرعي</h3><p><strong>مهم</strong> و<em>مائل</em></p>"
        "<ul><li>بند</li></ul><blockquote>اقتباس</blockquote>"
        '<figure><img src="/media/a.jpg" alt="وصف" width="10" height="5">'
        "<figcaption>تعليق</figcaption></figure>"
    )
    assert sanitize_body(html) == html


def test_links_keep_safe_schemes_and_get_rel():
    clean = sanitize_body('<a href="https://example.org/خبر">مصدر</a>')
    assert 'href="https://example.org/خبر"' in clean
    assert 'rel="noopener noreferrer"' in clean


@pytest.mark.django_db
def test_saving_an_article_sanitizes_its_body(make_article):
    article = make_article(body='<p onclick="x()">نص</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>نص</p>"
