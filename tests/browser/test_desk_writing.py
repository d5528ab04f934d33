"""The editor's desk (issue #11, writing and images), in a real browser: the seed-like
article published on one screen with its photos uploaded in the body editor, counted
action by action; the lead-image picker; pasting from Word and Google Docs; several
photos at once on the library's list; embeds that load nothing before the click."""

import base64
import io
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Author
from images.models import Image

from .test_editor import PASSWORD, Trouble, editors_group, log_in

pytestmark = pytest.mark.django_db(transaction=True)

ADD_FORM = "/admin/articles/article/add/"
MAX_ACTIONS = 14  # WordPress's block editor: 16–18 for the same article


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("rania", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    Author.objects.create(name="رانيا حداد", slug="رانيا-حداد", user=user)
    return user


@pytest.fixture
def sections(db):
    from articles.models import Category

    return [
        Category.objects.create(name="ثقافة", slug="ثقافة", position=1),
        Category.objects.create(name="محليات", slug="محليات", position=2),
    ]


@pytest.fixture
def trouble(page):
    return Trouble(page.context)


@pytest.fixture
def elsewhere(page):
    """Every request the editor's browser makes to another host than ours, refused."""
    asked = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort()

    page.context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", "localhost"), refuse)
    return asked


def serious_violations(page, parts=None):
    """axe's serious and critical findings, on the whole page or on some parts of it."""
    context = {"include": [[part] for part in parts]} if parts else None
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def jpeg(colour, size=(1200, 800)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Desk:
    """The editor's hands, counted: clicks, key presses that are not typing, uploads
    and page loads are actions; typing text is not."""

    def __init__(self, page):
        self.page = page
        self.actions = []
        self.loads = []
        page.on("load", lambda p: self.loads.append(urlsplit(p.url).path))

    def act(self, what):
        self.actions.append(what)

    def goto(self, path):
        self.act(f"load {path}")
        self.page.goto(path)

    def click(self, locator, what):
        self.act(f"click {what}")
        locator.click()

    def press(self, key):
        self.act(f"key {key}")
        self.page.keyboard.press(key)

    def type(self, text):
        self.page.keyboard.type(text)

    def new_line(self):
        # Enter ends a paragraph as it does in any word processor: typing.
        self.page.keyboard.press("Enter")

    def select(self, locator, label):
        self.act(f"select {label}")
        locator.select_option(label=label)

    def drop_photo(self, data, name):
        """A photo dragged from the desktop onto the body, where the cursor is."""
        self.act(f"upload {name} (drop)")
        self.page.evaluate(
            """([data, name]) => {
              const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
              const transfer = new DataTransfer()
              transfer.items.add(new File([bytes], name, { type: "image/jpeg" }))
              document.querySelector(".field-body .tiptap").dispatchEvent(
                new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }))
            }""",
            [base64.b64encode(data).decode(), name],
        )

    def paste_photo(self, data, name):
        """A photo copied from another program and pasted into the body."""
        self.act(f"upload {name} (paste)")
        paste_into_body(self.page, files=[(data, name)])


def paste_into_body(page, *, html=None, files=()):
    page.evaluate(
        """([html, files]) => {
          const transfer = new DataTransfer()
          if (html) transfer.setData("text/html", html)
          for (const [data, name] of files) {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
            transfer.items.add(new File([bytes], name, { type: "image/jpeg" }))
          }
          document.querySelector(".field-body .tiptap").dispatchEvent(
            new ClipboardEvent(
              "paste", { clipboardData: transfer, bubbles: true, cancelable: true }))
        }""",
        [html, [(base64.b64encode(d).decode(), n) for d, n in files]],
    )


def wait_for_uploads(page, count):
    page.locator(".field-body figure.desk-figure:not(.is-pending)").nth(count - 1).wait_for()
    assert page.locator(".field-body figure.is-pending").count() == 0


TITLE = "المدينة تفتح متحفها البحري بعد عشر سنوات من الإغلاق"
STANDFIRST = "ثلاث قاعات جديدة وقارب صيد عمره قرن في مدخل المتحف."
SECTIONS = [
    ("قاعات جديدة", "تعرض القاعة الأولى أدوات الصيد التي استعملها أهل الساحل."),
    ("قارب في المدخل", "رُمّم القارب الخشبي على يد نجارين من الحي القديم خلال عامين."),
    ("مواعيد الزيارة", "يفتح المتحف أبوابه من التاسعة صباحًا حتى السادسة مساءً عدا الاثنين."),
]
CAPTIONS = ["قاعة أدوات الصيد قبل الافتتاح بيوم", "القارب الخشبي بعد ترميمه"]


def test_the_seed_like_article_is_published_from_one_screen_in_few_actions(
    page, trouble, elsewhere, editor, sections, artifacts
):
    log_in(page, "rania")
    desk = Desk(page)
    desk.goto(ADD_FORM)
    page.get_by_role("heading", name="إضافة مقال").wait_for()

    expect(page.get_by_label("العنوان")).to_be_focused()  # a new article starts with its title
    desk.type(TITLE)
    desk.click(page.get_by_label("المقدمة"), "standfirst")
    desk.type(STANDFIRST)
    body = page.get_by_role("textbox", name="النص")
    desk.click(body, "body")
    desk.type("افتتحت البلدية صباح اليوم المتحف البحري بحضور مئات من السكان.")
    for number, (heading, paragraph) in enumerate(SECTIONS):
        desk.new_line()
        desk.press("Control+Alt+2")  # a section heading, from the keyboard
        desk.type(heading)
        desk.new_line()
        desk.type(paragraph)
        if number < 2:
            desk.new_line()
            # The first photo is dropped from the desktop, the second pasted.
            put = desk.drop_photo if number == 0 else desk.paste_photo
            put(jpeg((40 + 90 * number, 110, 150)), f"museum-{number + 1}.jpg")
            desk.type(CAPTIONS[number])  # the cursor waits in the photo's caption
            wait_for_uploads(page, number + 1)
            desk.new_line()  # Enter in a caption: on with the text below the photo
            desk.type("تفاصيل أخرى عن المعرض.")
    desk.select(page.get_by_role("combobox", name="قسم"), "ثقافة")
    desk.click(page.get_by_role("textbox", name="الوسوم"), "tags")
    desk.type("متاحف، البحر")
    desk.select(page.get_by_role("combobox", name="الحالة"), "منشور")

    # The form, as the editor sees it before saving.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(page, [".field-body", ".field-lead_image"]) == []
    page.screenshot(path=artifacts / "desk-article-form-1280.png", full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / "desk-article-form-top-1280.png")

    desk.click(page.get_by_role("button", name="احفظ", exact=True), "save")
    page.locator(".messagelist").wait_for()
    desk.act("load the list after saving")
    assert "نجحت إضافة" in page.locator(".messagelist").inner_text()

    print(f"\nactions ({len(desk.actions)}):", *desk.actions, sep="\n  ")
    assert len(desk.actions) <= MAX_ACTIONS, desk.actions
    assert desk.loads.count(ADD_FORM) == 1  # one page for the whole article
    assert trouble.found == [] and elsewhere == []

    article = Article.objects.get()
    assert article.is_published and article.title == TITLE
    assert list(article.authors.all()) == [editor.author]
    assert sorted(article.tags.names()) == ["البحر", "متاحف"]
    photos = list(Image.objects.order_by("pk"))
    assert len(photos) == 2 and {p.uploaded_by for p in photos} == {editor}
    assert list(article.figures.values_list("image_id", flat=True)) == [p.pk for p in photos]

    # What readers get: the headings, the photos as <picture> with their captions, in place.
    page.goto(article.get_absolute_url())
    text = page.locator(".article-body")
    for heading, _paragraph in SECTIONS:
        assert text.get_by_role("heading", level=2, name=heading).is_visible()
    figures = text.locator("figure.body-figure")
    assert figures.count() == 2
    for n, caption in enumerate(CAPTIONS):
        assert figures.nth(n).locator("figcaption").inner_text() == caption
        assert figures.nth(n).locator("picture source[type='image/webp']").count() == 1
    html = text.inner_html()
    assert html.index(SECTIONS[0][1]) < html.index(CAPTIONS[0]) < html.index(SECTIONS[1][0])


def test_the_lead_image_is_chosen_in_a_picker_with_uploads_search_and_descriptions(
    page, trouble, elsewhere, editor, sections, artifacts, tmp_path
):
    from tests.conftest import library_image

    library_image("سفن راسية في الميناء", caption="الميناء عند الفجر", credit="سليم ناصر")
    library_image("سوق الخضار", caption="السوق القديم")
    log_in(page, "rania")
    page.goto(ADD_FORM)
    page.get_by_label("العنوان").fill("خبر بصورة رئيسية")
    page.get_by_role("combobox", name="قسم").select_option(label="محليات")
    field = page.locator(".field-lead_image")
    field.get_by_role("button", name="اختر من مكتبة الصور").click()
    picker = page.get_by_role("dialog", name="اختر الصورة الرئيسية")
    tiles = picker.locator(".library-picker__tile")
    tiles.nth(1).wait_for()
    assert tiles.first.get_by_role("img").get_attribute("alt") == "سوق الخضار"  # newest first

    # The search finds photos by caption, alt text or credit.
    search = picker.get_by_role("searchbox", name="ابحث في المكتبة")
    search.fill("سليم")
    page.wait_for_function("() => document.querySelectorAll('.library-picker__tile').length === 1")
    assert "الميناء عند الفجر" in tiles.first.inner_text()
    search.fill("")
    page.wait_for_function("() => document.querySelectorAll('.library-picker__tile').length === 2")

    # Two photos at once, straight from the computer.
    files = []
    for n, colour in enumerate([(200, 60, 40), (30, 140, 90)]):
        path = tmp_path / f"festival-{n}.jpg"
        path.write_bytes(jpeg(colour))
        files.append(path)
    picker.locator("input[type=file]").set_input_files(files)
    picker.get_by_text("رُفعت صورتان.").wait_for()
    assert tiles.count() == 4
    chosen = picker.locator(".library-picker__tile[aria-pressed=true]")
    assert chosen.count() == 1
    picker.get_by_label("النص البديل (ما تُظهره الصورة)").fill("فرقة موسيقية على مسرح مفتوح")
    picker.get_by_label("التعليق").fill("افتتاح مهرجان الصيف")
    page.screenshot(path=artifacts / "desk-picker-1280.png")
    assert serious_violations(page, [".library-picker"]) == []

    picker.get_by_role("button", name="استخدم هذه الصورة").click()
    picker.wait_for(state="detached")

    # The form shows the photo, not a number.
    assert field.get_by_role("img", name="فرقة موسيقية على مسرح مفتوح").is_visible()
    assert "افتتاح مهرجان الصيف" in field.inner_text()
    page.screenshot(path=artifacts / "desk-lead-image-chosen-1280.png")
    page.get_by_role("button", name="احفظ", exact=True).click()
    page.locator(".messagelist").wait_for()
    article = Article.objects.get()
    assert article.lead_image.alt_text == "فرقة موسيقية على مسرح مفتوح"
    assert article.lead_image.caption == "افتتاح مهرجان الصيف"
    assert Image.objects.count() == 4
    assert trouble.found == [] and elsewhere == []


WORD_PASTE = """
<html><body><!--StartFragment-->
<h1 style="mso-style-name:Heading1">تقرير المجلس</h1>
<p class="MsoNormal"><b>قرر</b> المجلس <i>بالإجماع</i> تمديد ساعات المكتبة.</p>
<ul><li class="MsoListParagraph">القاعة الأولى</li><li>القاعة الثانية</li></ul>
<p>المصدر: <a href="https://baladiya.example/qarar">نص القرار</a></p>
<p><img src="file:///C:/Users/desk/AppData/Local/Temp/msohtml/clip_image002.jpg" width="300"></p>
<p><img src="data:image/jpeg;base64,{small}" alt="مدخل المكتبة ليلًا"></p>
<p><img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nXc-ramp.png"></p>
<!--EndFragment--></body></html>
"""


def test_pasted_word_and_google_docs_text_keeps_its_structure_and_says_which_photos_went(
    page, trouble, elsewhere, editor, sections
):
    log_in(page, "rania")
    page.goto(ADD_FORM)
    page.locator(".field-body .tiptap").click()  # once the editor is up
    small = base64.b64encode(jpeg((90, 90, 30), (120, 80))).decode()
    paste_into_body(page, html=WORD_PASTE.replace("{small}", small))
    wait_for_uploads(page, 1)
    status = page.locator(".desk-editor-status[data-slot=paste]").inner_text()
    assert "لم تُحفظ هاتان الصورتان" in status
    assert "clip_image002.jpg" in status and "AD_4nXc-ramp.png" in status
    body = page.locator("#id_body").input_value()
    assert "<strong>قرر</strong>" in body and "<em>بالإجماع</em>" in body
    assert "<li><p>القاعة الأولى</p></li>" in body
    assert '<a href="https://baladiya.example/qarar">نص القرار</a>' in body
    photo = Image.objects.get()
    assert photo.alt_text == "مدخل المكتبة ليلًا" and photo.uploaded_by == editor
    assert f'data-image="{photo.pk}"' in body
    assert elsewhere == []  # the photos elsewhere were named, not fetched
    assert trouble.found == []


def test_a_photo_in_the_body_moves_and_goes_like_text(page, trouble, editor, sections):
    log_in(page, "rania")
    page.goto(ADD_FORM)
    page.locator(".field-body .tiptap").click()
    page.keyboard.type("الفقرة الأولى.")
    page.keyboard.press("Enter")
    page.keyboard.type("الفقرة الثانية.")
    page.keyboard.press("Enter")
    paste_into_body(page, files=[(jpeg((10, 60, 200)), "sea.jpg")])
    page.keyboard.type("البحر")
    wait_for_uploads(page, 1)

    def order():
        html = page.locator("#id_body").input_value()
        return sorted(["الأولى", "الثانية", "<figure"], key=html.index)

    assert order() == ["الأولى", "الثانية", "<figure"]
    # Dragged above the first paragraph, as a paragraph would be.
    picture = page.locator(".field-body figure.desk-figure img")
    picture.drag_to(page.locator(".field-body .tiptap p").first, target_position={"x": 5, "y": 2})
    assert order() == ["<figure", "الأولى", "الثانية"]
    # Undone and redone from the toolbar, whose buttons speak Arabic.
    for name in ("تراجع", "أعد"):
        assert page.locator(".field-body .prose-menubar").get_by_role("button", name=name).count()
    # Selected with a click and deleted with a key, like a word.
    picture.click()
    page.keyboard.press("Delete")
    assert "<figure" not in page.locator("#id_body").input_value()
    assert trouble.found == []


def test_the_toolbar_names_every_button_in_arabic(page, editor, sections):
    log_in(page, "rania")
    page.goto(ADD_FORM)
    toolbar = page.locator(".field-body .prose-menubar")
    toolbar.wait_for()
    names = toolbar.locator("button[title]").evaluate_all("bs => bs.map(b => b.title)")
    # The block-type menu's entries (headings, paragraph) are named by their text.
    names += toolbar.locator(".prose-menubar__option").all_text_contents()
    expected = {"عنوان 2", "عنوان 3", "عنوان 4", "فقرة", "قائمة نقطية", "قائمة مرقمة", "اقتباس",
                "صورة من مكتبة الصور", "غامق", "مائل", "رابط", "تراجع", "أعد"}  # fmt: skip
    assert expected <= set(names), names
    assert all(not any("a" <= c <= "z" for c in name.lower()) for name in names), names
    # The editor is as tall as the screen, and right to left.
    box = page.locator(".field-body .tiptap").bounding_box()
    assert box["height"] >= page.viewport_size["height"] - 9 * 16 - 2
    assert (
        page.locator(".field-body .tiptap").evaluate("e => getComputedStyle(e).direction") == "rtl"
    )


def test_the_editor_marks_a_link_readers_will_get_as_an_embed(page, trouble, editor, sections):
    log_in(page, "rania")
    page.goto(ADD_FORM)
    page.locator(".field-body .tiptap").click()
    for line in ("https://www.youtube.com/watch?v=aBcDeFgHiJk", "https://vimeo.com/1234",
                 "شاهد https://youtu.be/aBcDeFgHiJk كاملًا"):  # fmt: skip
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    paragraphs = page.locator(".field-body .tiptap p")
    assert paragraphs.nth(0).get_attribute("class") == "desk-embed"
    assert "من يوتيوب" in paragraphs.nth(0).get_attribute("data-embed-hint")
    assert paragraphs.nth(1).get_attribute("class") is None  # not on the list
    assert paragraphs.nth(2).get_attribute("class") is None  # inside a sentence
    assert trouble.found == []


def test_several_photos_are_uploaded_at_once_on_the_library_list(page, editor, tmp_path):
    log_in(page, "rania")
    page.goto("/admin/images/image/")
    good = []
    for n in range(2):
        path = tmp_path / f"market-{n}.jpg"
        path.write_bytes(jpeg((100 + 50 * n, 80, 60)))
        good.append(path)
    broken = tmp_path / "notes.jpg"
    broken.write_bytes(b"not a photo at all")
    page.locator("[data-library-drop] input[type=file]").set_input_files([*good, broken])
    status = page.locator("[data-library-drop] [role=status]")
    status.filter(has_text="notes.jpg").wait_for()
    assert "رُفعت صورتان." in status.inner_text() and "ليس صورة" in status.inner_text()
    assert Image.objects.count() == 2


def test_an_embed_loads_nothing_from_the_platform_until_the_reader_asks(
    browser, site, make_article
):
    article = make_article(
        body="<p>قبل المقطع.</p><p>https://www.youtube.com/watch?v=aBcDeFgHiJk</p>"
    )
    context = browser.new_context(locale="ar", base_url=site.url)
    reader = context.new_page()
    asked = []

    def platform(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>video</p>")

    context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", "localhost"), platform)
    reader.goto(article.get_absolute_url())
    embed = reader.locator("figure.embed")
    assert "محتوى من يوتيوب" in embed.inner_text()
    reader.wait_for_load_state("networkidle")
    assert asked == []
    embed.get_by_role("button", name="اعرض المحتوى من يوتيوب").click()
    frame = embed.locator("iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"
    reader.wait_for_timeout(300)
    assert asked and all(u.startswith("https://www.youtube-nocookie.com/") for u in asked)
    context.close()
