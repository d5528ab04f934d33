"""WordPress bodies: block comments, autop paragraphs, captions, own images, shortcodes, embeds."""

from wordpress.bodies import (
    autop,
    convert,
    first_paragraph,
    original_upload,
    upload_path,
)

SITE = {"akhbar.example"}
UPLOAD = "https://akhbar.example/wp-content/uploads/2024/05"


def test_gutenberg_block_comments_are_removed():
    body = convert(
        "<!-- wp:paragraph -->\n<p>فقرة أولى.</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>عنوان</h3>\n<!-- /wp:heading -->',
        SITE,
    )
    assert "wp:" not in body.html
    assert body.html == "<p>فقرة أولى.</p>\n<h3>عنوان</h3>"


def test_classic_line_breaks_become_paragraphs():
    assert autop("سطر أول\nيكمل الفقرة.\n\nفقرة ثانية.") == (
        "<p>سطر أول<br>\nيكمل الفقرة.</p>\n<p>فقرة ثانية.</p>"
    )
    # Blocks the writer typed stay as they are.
    assert autop("<ul>\n<li>بند</li>\n</ul>\n\nنص") == "<ul>\n<li>بند</li>\n</ul>\n<p>نص</p>"


def test_block_content_is_not_run_through_autop():
    body = convert(
        "<!-- wp:paragraph -->\n<p>سطر\nفي الفقرة نفسها</p>\n<!-- /wp:paragraph -->", SITE
    )
    assert "<br>" not in body.html


def test_a_caption_shortcode_becomes_a_figure_with_its_caption():
    body = convert(
        '[caption id="attachment_12" align="aligncenter" width="640"]'
        f'<a href="{UPLOAD}/maktaba.jpg">'
        f'<img class="size-full wp-image-12" src="{UPLOAD}/maktaba.jpg" alt="رفوف" /></a>'
        " رفوف المكتبة[/caption]\n\nبعدها نص.",
        SITE,
    )
    assert body.html == "<p>[[figure:1]]</p>\n<p>بعدها نص.</p>"
    (figure,) = body.figures
    assert (figure.attachment_id, figure.caption, figure.alt) == ("12", "رفوف المكتبة", "رفوف")


def test_an_old_caption_attribute_is_read_too():
    body = convert(
        f'[caption id="attachment_5" caption="صورة قديمة"]<img src="{UPLOAD}/a.jpg" />[/caption]',
        SITE,
    )
    assert body.figures[0].caption == "صورة قديمة"


def test_a_block_image_becomes_a_figure_with_its_figcaption():
    body = convert(
        '<!-- wp:image {"id":11} -->\n<figure class="wp-block-image size-large">'
        f'<img src="{UPLOAD}/qaat-1024x576.jpg" alt="القاعة" class="wp-image-11"/>'
        '<figcaption class="wp-element-caption">الأعضاء <em>قبل</em> التصويت</figcaption>'
        "</figure>\n<!-- /wp:image -->",
        SITE,
    )
    assert body.html == "<p>[[figure:1]]</p>"
    (figure,) = body.figures
    assert (figure.attachment_id, figure.caption, figure.alt) == (
        "11",
        "الأعضاء قبل التصويت",
        "القاعة",
    )


def test_an_own_image_inside_text_gets_a_paragraph_of_its_own():
    body = convert(f'قبل الصورة <img src="{UPLOAD}/rukn-300x200.jpg" alt="ركن" /> وبعدها.', SITE)
    assert body.html == "<p>قبل الصورة</p>\n<p>[[figure:1]]</p>\n<p>وبعدها.</p>"
    assert body.figures[0].attachment_id == ""
    assert body.figures[0].alt == "ركن"
    # The same inside a paragraph the block editor wrote.
    body = convert(f'<!-- wp:paragraph --><p>قبل <img src="{UPLOAD}/a.jpg"> بعد</p>', SITE)
    assert body.html == "<p>قبل</p><p>[[figure:1]]</p><p>بعد</p>"


def test_images_from_other_hosts_are_dropped_and_counted():
    body = convert('<p>نص <img src="https://tracker.example/p.gif" alt=""></p>', SITE)
    assert "img" not in body.html
    assert body.dropped_images == 1
    assert body.figures == []


def test_relative_upload_addresses_are_own_uploads():
    body = convert('<img src="/wp-content/uploads/2020/01/x.png" alt="س">', SITE)
    assert len(body.figures) == 1


def test_a_gallery_places_each_of_its_images():
    body = convert('[gallery ids="21,22"]', SITE)
    assert [f.attachment_id for f in body.figures] == ["21", "22"]
    assert body.html == "<p>[[figure:1]]</p>\n<p>[[figure:2]]</p>"


def test_other_shortcodes_are_removed_and_counted_keeping_their_text():
    body = convert(
        '[contact-form-7 id="42" title="اتصل"]\n\n[su_note]المكتبة مغلقة الجمعة.[/su_note]\n\n'
        "قال [sic] المتحدث.",
        SITE,
    )
    assert body.removed_shortcodes == {"contact-form-7": 1, "su_note": 1}
    assert body.html == "<p>المكتبة مغلقة الجمعة.</p>\n<p>قال [sic] المتحدث.</p>"


def test_embeds_become_links_when_the_desk_has_no_embeds():
    body = convert(
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc",'
        '"providerNameSlug":"youtube"} -->'
        '\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://www.youtube.com/watch?v=abc\n</div></figure>\n<!-- /wp:embed -->",
        SITE,
    )
    assert (
        body.html
        == '<p><a href="https://www.youtube.com/watch?v=abc">شاهد المقطع على يوتيوب</a></p>'
    )
    assert body.embeds == 1


def test_a_classic_bare_link_and_embed_shortcode_are_embeds_too():
    body = convert(
        "نص.\n\nhttps://x.com/akhbar/status/1\n\n[embed]https://vimeo.com/5[/embed]", SITE
    )
    assert body.embeds == 2
    assert '<a href="https://x.com/akhbar/status/1">اقرأ المنشور على منصة إكس</a>' in body.html
    assert '<a href="https://vimeo.com/5">شاهد المقطع على فيميو</a>' in body.html


def test_the_desk_embed_is_used_when_there_is_one():
    body = convert(
        "https://youtu.be/abc", SITE, embed=lambda url: f'<div data-embed="{url}"></div>'
    )
    assert body.html == '<div data-embed="https://youtu.be/abc"></div>'


def test_upload_paths_and_their_originals():
    assert upload_path(f"{UPLOAD}/%D8%B5.jpg", SITE) == "2024/05/ص.jpg"
    assert upload_path("https://cdn.example/wp-content/uploads/2024/05/a.jpg", SITE) is None
    assert upload_path("https://akhbar.example/about/", SITE) is None
    assert original_upload("2024/05/photo-300x200.jpg") == "2024/05/photo.jpg"
    assert original_upload("2024/05/photo-1.jpg") == "2024/05/photo-1.jpg"


def test_the_first_paragraph_skips_figures():
    assert first_paragraph("<p>[[figure:1]]</p>\n<p>أول <em>نص</em>.</p><p>ثانٍ</p>") == "أول نص ."
