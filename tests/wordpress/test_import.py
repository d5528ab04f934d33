"""`manage.py import_wordpress`: what a WordPress newsroom becomes, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.body import figures_in
from articles.models import Article, ArticleFigure, Author, Category
from comments.models import Comment
from comments.visitors import ip_fingerprint
from images.models import Image
from wordpress.models import ImportedObject, OldAddress

from .conftest import EXPORTS

SLUG_100 = "المجلس-البلدي-يقر-الميزانية"
SLUG_101 = "افتتاح-مكتبة-الحي"


@pytest.fixture
def imported(run_import):
    return run_import()


def article(wp_id):
    pk = ImportedObject.objects.get(kind="article", wp_id=wp_id).object_id
    return Article.objects.get(pk=pk)


def comment(wp_id):
    return Comment.objects.get(pk=ImportedObject.objects.get(kind="comment", wp_id=wp_id).object_id)


def test_the_report_counts_every_kind(imported):
    assert "المقالات: استورد 4، حدّث 0، تخطى 0" in imported, imported
    assert "الصفحات: استورد 0، حدّث 0، تخطى 1" in imported
    assert "التعليقات: استورد 6، حدّث 0، تخطى 0" in imported
    assert "الصور: استورد 4، حدّث 0، تخطى 0" in imported
    assert "إشعارات التتبع والإحالة (تُركت): 1" in imported
    assert "تدوينات في سلة المهملات أو لم تُحفظ قط (تُركت): 1" in imported
    assert Article.objects.count() == 4
    assert Author.objects.count() == 2
    assert Category.objects.count() == 3
    assert set(Tag.objects.values_list("slug", flat=True)) == {"ميزانية", "انتخابات"}
    assert Image.objects.count() == 4  # three attachments and one inline upload
    assert Comment.objects.count() == 6  # the pingback is left out


def test_the_report_lists_what_was_left_out_and_every_problem(imported):
    # Attachment 13's file is neither in the uploads folder nor fetched.
    assert "الصور، المعرّف في ووردبريس 13: الملف غير موجود: 2023/01/lost.jpg" in imported
    assert "حُذف الرمز المختصر [contact-form-7]: 1" in imported
    assert "حُذف الرمز المختصر [su_note]: 1" in imported
    assert "محتوى مضمَّن صار روابط: 2" in imported
    assert Article.objects.filter(title="من نحن").count() == 0  # the page


def test_a_gutenberg_post(imported):
    post = article("100")
    assert post.title == "المجلس البلدي يقر الميزانية"
    assert post.slug == SLUG_100
    assert post.standfirst == "ميزانية جديدة تزيد مخصصات الحدائق."
    assert post.status == Article.Status.PUBLISHED
    assert post.published_at == datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    assert post.updated_at == datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
    assert post.is_featured and post.comments_open
    assert post.category.slug == "محلي"
    assert "سياسة" in post.category.description  # its parent on the old site
    assert set(post.tags.names()) == {"ميزانية", "انتخابات"}
    assert [a.name for a in post.authors.all()] == ["ليلى منصور"]
    assert "wp:" not in post.body and "wp-block" not in post.body_html
    assert '<a href="https://www.youtube.com/watch?v=abc123XYZ"' in post.body_html


def test_the_featured_image_is_the_lead_image_with_its_words(imported):
    lead = article("100").lead_image
    assert lead.alt_text == "واجهة مبنى المجلس البلدي"
    assert lead.caption == "مبنى المجلس البلدي"
    assert (lead.width, lead.height) == (90, 50)
    assert lead.renditions  # cut like every upload


def test_figures_come_from_the_library_with_their_captions(imported, client):
    page = client.get(article("100").get_absolute_url()).content.decode()
    assert "<figcaption>الأعضاء في القاعة الكبرى قبل التصويت" in page
    classic = article("101")
    figures = figures_in(classic.body)
    assert [f.caption for f in figures] == ["رفوف المكتبة في يوم الافتتاح", ""]
    assert [f.image.pk for f in classic.figures.select_related("image")] == [
        f.image_id for f in figures
    ]
    assert classic.figures.all()[1].image.alt_text == "ركن الأطفال"  # no attachment listed it
    html = client.get(classic.get_absolute_url()).content.decode()
    assert "<figcaption>رفوف المكتبة في يوم الافتتاح" in html
    assert "tracker.example" not in html and "wp-content" not in html


def test_a_classic_post(imported):
    post = article("101")
    assert post.slug == SLUG_101
    assert post.standfirst.startswith("افتتحت البلدية صباح الثلاثاء")  # its first paragraph
    assert not post.comments_open
    assert post.category.slug == "سياسة"
    assert [a.name for a in post.authors.all()] == ["عمر الخطيب"]
    assert post.body.count("<p>") >= 5
    assert "ملاحظة: المكتبة مغلقة يوم الجمعة." in post.body  # the shortcode went, its text stayed
    assert "[su_note]" not in post.body and "contact-form" not in post.body
    assert "https://twitter.com/akhbar/status/1787000000000000000" in post.body


def test_scheduled_and_draft_posts(imported):
    scheduled, draft = article("102"), article("103")
    assert scheduled.is_scheduled
    assert scheduled.published_at == datetime(2099, 1, 15, 15, 0, tzinfo=UTC)
    assert draft.status == Article.Status.DRAFT and draft.published_at is None
    assert draft.slug  # WordPress gave the draft none: made from its title
    assert set(Article.objects.published().values_list("pk", flat=True)) == {
        article("100").pk,
        article("101").pk,
    }


def test_comments_keep_their_status_and_threads(imported):
    assert comment("501").status == Comment.Status.APPROVED
    assert comment("503").status == Comment.Status.PENDING
    assert comment("504").status == Comment.Status.SPAM
    assert comment("505").status == Comment.Status.REMOVED
    assert comment("502").parent == comment("501")
    # A reply to a reply joins its thread: replies are one level deep here.
    assert comment("507").parent == comment("501")
    assert comment("501").created_at == datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
    assert comment("501").ip_hash == ip_fingerprint("203.0.113.7")
    assert comment("501").email == "samer.reader@mail.example"
    # Only the comment still waiting goes to this site's moderation queue.
    assert list(Comment.objects.awaiting_moderation()) == [comment("503")]


def test_ip_addresses_are_kept_only_as_settings_say(run_import, settings):
    settings.COMMENTS_KEEP_IP_DAYS = 0  # the default: a keyed hash only
    run_import()
    assert comment("502").ip_address is None
    assert comment("502").ip_hash == ip_fingerprint("2001:db8::42")


def test_no_email_address_reaches_a_public_page(imported, client):
    pages = [
        "/",
        article("100").get_absolute_url(),
        article("101").get_absolute_url(),
        f"/comments/{SLUG_100}/rss/",
        f"/comments/{SLUG_100}/atom/",
        "/feeds/rss/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "mail.example" not in text and "akhbar.example" not in text, url
    assert "خطوة جيدة" in client.get(article("100").get_absolute_url()).content.decode()


def test_running_the_same_export_again_imports_nothing_twice(run_import, media_root):
    run_import()
    counts = [m.objects.count() for m in (Article, Comment, Image, ArticleFigure, OldAddress, Tag)]
    files = sorted(p for p in media_root.rglob("*") if p.is_file())
    again = run_import()
    assert [
        m.objects.count() for m in (Article, Comment, Image, ArticleFigure, OldAddress, Tag)
    ] == counts
    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == files
    assert "المقالات: استورد 0، حدّث 0، تخطى 4" in again
    assert "التعليقات: استورد 0، حدّث 0، تخطى 6" in again


def test_a_later_export_updates_what_changed(run_import, edited_export):
    run_import()
    assert Comment.objects.count() == 6
    edited = edited_export(
        (
            "<title><![CDATA[افتتاح مكتبة الحي]]></title>",
            "<title><![CDATA[افتتاح مكتبة الحي الشمالي]]></title>",
        ),
        ("<![CDATA[تعليق ينتظر المراجعة.]]>", "<![CDATA[تعليق عُدّل في ووردبريس.]]>"),
    )
    out = run_import(edited)
    assert article("101").title == "افتتاح مكتبة الحي الشمالي"
    assert Article.objects.count() == 4
    assert article("101").figures.count() == 2
    assert comment("503").body == "تعليق عُدّل في ووردبريس."
    assert "المقالات: استورد 0، حدّث 2، تخطى 2" in out
    assert "التعليقات: استورد 0، حدّث 1، تخطى 5" in out


def test_a_dry_run_writes_nothing(run_import, media_root):
    out = run_import(EXPORTS / "akhbar.xml", "--dry-run")
    assert "تجربة دون كتابة" in out
    assert "المقالات: استورد 4" in out
    for model in (Article, Comment, Image, Author, Category, Tag, OldAddress, ImportedObject):
        assert model.objects.count() == 0, model
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


@pytest.mark.parametrize("name", ["bomb.xml", "external-entity.xml"])
def test_an_unsafe_export_is_refused_with_a_clear_message(run_import, name):
    with pytest.raises(CommandError) as refused:
        run_import(EXPORTS / name)
    assert "لم يُستورد شيء" in str(refused.value)
    assert Article.objects.count() == 0


def test_a_missing_export_is_a_clear_error(db):
    with pytest.raises(CommandError):
        call_command("import_wordpress", "/nonexistent/export.xml")


def test_an_unknown_author_gets_the_default_byline(run_import, edited_export):
    edited = edited_export(
        (
            '<dc:creator><![CDATA[omar.k]]></dc:creator>\n\t\t<guid isPermaLink="false">https://akhbar.example/?p=102</guid>',
            '<dc:creator><![CDATA[ghost]]></dc:creator>\n\t\t<guid isPermaLink="false">https://akhbar.example/?p=102</guid>',
        ),
    )
    run_import(edited, "--default-author", "هيئة التحرير")
    assert [a.name for a in article("102").authors.all()] == ["هيئة التحرير"]


def test_a_broken_image_is_reported_and_the_rest_goes_on(run_import, uploads):
    (uploads / "2024/05/majlis-front.jpg").write_bytes(b"not a picture at all")
    out = run_import()
    assert Article.objects.count() == 4
    assert article("100").lead_image is None
    assert not ImportedObject.objects.filter(kind="image", wp_id="10").exists()
    assert "10" in out


def test_a_comment_repeated_by_its_commenter_is_kept_as_removed(run_import, edited_export):
    repeat = (
        "<wp:comment>\n\t\t\t<wp:comment_id>501</wp:comment_id>",
        "<wp:comment><wp:comment_id>509</wp:comment_id>"
        "<wp:comment_author><![CDATA[سامر]]></wp:comment_author>"
        "<wp:comment_author_email><![CDATA[Samer.Reader@mail.example]]></wp:comment_author_email>"
        "<wp:comment_date_gmt><![CDATA[2024-05-06 08:01:00]]></wp:comment_date_gmt>"
        "<wp:comment_content><![CDATA[خطوة جيدة، ننتظر تنفيذ مشاريع الحدائق.]]>"
        "</wp:comment_content>"
        "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
        "<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
        "<wp:comment_parent>0</wp:comment_parent></wp:comment>"
        "\n\t\t<wp:comment>\n\t\t\t<wp:comment_id>501</wp:comment_id>",
    )
    report = run_import(edited_export(repeat))
    statuses = {comment(n).status for n in ("501", "509")}
    assert statuses == {Comment.Status.APPROVED, Comment.Status.REMOVED}
    assert "التعليقات المكررة من أصحابها (حُفظت محذوفة): 1" in report
