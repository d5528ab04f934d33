"""Reading WordPress's export: records in file order, decoded slugs, unsafe files refused."""

import io
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wordpress.export import Author, ExportError, Item, Site, Term, records

EXPORTS = Path(__file__).parent / "exports"


def read(name):
    return list(records(EXPORTS / name))


def items(name):
    return {r.wp_id: r for r in read(name) if isinstance(r, Item)}


def test_site_comes_first_with_its_addresses():
    site = read("akhbar.xml")[0]
    assert isinstance(site, Site)
    assert site.version == "1.2"
    assert site.hosts == {"akhbar.example"}


def test_authors_and_terms_with_decoded_arabic_slugs():
    found = read("akhbar.xml")
    authors = [r for r in found if isinstance(r, Author)]
    assert [(a.login, a.display_name) for a in authors] == [
        ("layla", "ليلى منصور"),
        ("omar.k", "عمر الخطيب"),
    ]
    terms = {(t.taxonomy, t.slug): t for t in found if isinstance(t, Term)}
    assert terms[("category", "محلي")].parent_slug == "سياسة"
    assert terms[("category", "سياسة")].description == "أخبار المجلس والحكومة"
    assert ("post_tag", "ميزانية") in terms
    # A menu is a term too, but nothing a newsroom imports.
    assert not any(t.name == "القائمة الرئيسية" for t in terms.values())


def test_a_post_with_everything_it_carries():
    post = items("akhbar.xml")["100"]
    assert post.post_type == "post"
    assert post.slug == "المجلس-البلدي-يقر-الميزانية"
    assert post.status == "publish"
    assert post.sticky is True
    assert post.date_gmt == datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    assert post.date_local == datetime(2024, 5, 6, 10, 30)
    assert post.modified_gmt == datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
    assert post.creator == "layla"
    assert post.excerpt == "ميزانية جديدة تزيد مخصصات الحدائق."
    assert post.meta["_thumbnail_id"] == "10"
    assert ("category", "محلي", "محلي") in post.terms
    assert ("post_tag", "انتخابات", "انتخابات") in post.terms
    comments = {c.wp_id: c for c in post.comments}
    assert {c.approved for c in comments.values()} == {"1", "0", "spam", "trash"}
    assert comments["507"].parent_id == "502"
    assert comments["506"].type == "pingback"
    assert comments["502"].ip == "2001:db8::42"
    assert comments["501"].date_gmt == datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


def test_a_draft_has_no_gmt_date_and_an_attachment_its_url():
    found = items("akhbar.xml")
    assert found["103"].date_gmt is None
    assert found["103"].date_local == datetime(2024, 5, 8, 9, 0)
    attachment = found["10"]
    assert attachment.attachment_url.endswith("/wp-content/uploads/2024/05/majlis-front.jpg")
    assert attachment.meta["_wp_attachment_image_alt"] == "واجهة مبنى المجلس البلدي"
    assert attachment.parent_id == "100"


def test_an_older_wxr_version_reads_the_same():
    found = read("wxr-1.1.xml")
    assert found[0].version == "1.1"
    assert found[0].hosts == {"old-blog.example"}
    post = next(r for r in found if isinstance(r, Item))
    assert post.slug == "archive-story"
    assert post.excerpt == "ملخص قديم"
    assert post.date_gmt == datetime(2011, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("name", ["bomb.xml", "external-entity.xml"])
def test_entities_are_refused_before_anything_is_read(name):
    with pytest.raises(ExportError, match="كيانات"):
        read(name)


@pytest.mark.parametrize("name", ["not-wordpress.xml", "truncated.xml"])
def test_a_file_that_is_not_a_whole_export_is_refused(name):
    with pytest.raises(ExportError):
        read(name)


def export_of(posts, body_bytes=2000):
    """A generated export of `posts` posts, as bytes."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version>"
    )
    body = "نص " * (body_bytes // 6)
    item = (
        "<item><title>خبر {n}</title><content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>"
        "<wp:post_id>{n}</wp:post_id><wp:post_type>post</wp:post_type></item>"
    )
    parts = [head] + [item.format(n=n, body=body) for n in range(posts)] + ["</channel></rss>"]
    return "".join(parts).encode()


def peak_while_reading(data):
    tracemalloc.start()
    try:
        count = sum(1 for _ in records(io.BytesIO(data)))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file():
    small, large = export_of(200), export_of(4000)
    small_count, small_peak = peak_while_reading(small)
    large_count, large_peak = peak_while_reading(large)
    assert (small_count, large_count) == (201, 4001)
    # Twenty times the posts; the peak stays the size of a few posts, not of the file.
    assert large_peak < small_peak * 2
    assert large_peak < len(large) / 10
