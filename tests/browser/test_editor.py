"""The editor's journey (issue #7), in a real browser through the Arabic admin:
an upload to the image library, an article published with it, another scheduled."""

from datetime import date, timedelta
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.utils import timezone
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Author, Category
from images.models import Image

pytestmark = pytest.mark.django_db(transaction=True)

# Live-server tests empty the tables between tests, groups made by data
# migrations included: this rebuilds the Editors group from the migrations' own lists.
roles_migration = import_module("articles.migrations.0002_desk_roles")


def editors_group():
    grants = roles_migration.EDITORS
    wanted = Q()
    for app_label, model, codename in grants:
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(Permission.objects.filter(wanted))
    assert group.permissions.count() == len(grants)
    return group


PASSWORD = "a-long-night-at-the-desk-2026"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("rania", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def newsroom(db):
    """What an editor finds at the desk: two sections and two bylines."""
    return {
        "culture": Category.objects.create(name="ثقافة", slug="ثقافة", position=1),
        "local": Category.objects.create(name="محليات", slug="محليات", position=2),
        "author": Author.objects.create(name="نادية الخطيب", slug="نادية-الخطيب"),
        "other": Author.objects.create(name="عمر الصافي", slug="عمر-الصافي"),
    }


class Trouble:
    """What went wrong in a browser context, popups included: script errors,
    console errors and failed requests (the favicon nobody declares aside)."""

    def __init__(self, context):
        self.found = []
        context.on("weberror", lambda error: self.found.append(f"script error: {error.error}"))
        context.on("console", self.console)
        context.on("response", self.response)
        context.on("requestfailed", self.request_failed)

    def console(self, message):
        # Failed requests are reported with their address by `response`.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.found.append(
                f"console error on {message.page and message.page.url}: {message.text}"
            )

    def request_failed(self, request):
        # Aborted on purpose: the author search drops a query when a newer one starts.
        if request.failure != "net::ERR_ABORTED":
            self.found.append(f"{request.failure} for {request.url}")

    def response(self, response):
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            self.found.append(f"{response.status} for {response.url}")


@pytest.fixture
def trouble(page):
    """Everything that goes wrong in the editor's browser (`page`)."""
    return Trouble(page.context)


@pytest.fixture
def reader(browser, site):
    """A reader's browser: a context of its own, no admin session."""
    context = browser.new_context(locale="ar", base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, username, password=PASSWORD):
    page.goto("/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(password)
    page.get_by_role("button", name="ادخل").click()
    page.get_by_role("heading", name="مكتب التحرير").wait_for()


def save(page):
    """Press «احفظ»; return the admin's message, or fail with the form's errors."""
    page.get_by_role("button", name="احفظ", exact=True).click()
    page.locator(".messagelist, .errornote").first.wait_for()
    if page.locator(".errornote").count():
        pytest.fail(
            "the form was refused: " + " / ".join(page.locator(".errorlist").all_inner_texts())
        )
    return page.locator(".messagelist").inner_text()


def photo(tmp_path, name="reading-room.jpg"):
    """A real JPEG, as a camera or a phone would hand it over."""
    path = tmp_path / name
    PILImage.new("RGB", (1600, 900), (170, 120, 60)).save(path, "JPEG", quality=90)
    return path


def upload_to_library(page, path, *, alt_text, caption, credit, artifacts=None):
    page.get_by_role("link", name="الصور", exact=True).first.click()
    page.get_by_role("link", name="أضف صورة").click()
    page.get_by_label("ملف الصورة").set_input_files(path)
    page.get_by_label("النص البديل").fill(alt_text)
    page.get_by_label("التعليق").fill(caption)
    page.get_by_label("المصدر").fill(credit)
    if artifacts:
        page.screenshot(path=artifacts / "editor-image-upload-1280.png", full_page=True)
    assert "نجحت إضافة" in save(page)
    # The library lists it by its description.
    page.locator("#result_list").get_by_role("img", name=alt_text).wait_for()


def open_new_article_form(page):
    page.goto("/admin/")
    page.get_by_role("row", name="المقالات").get_by_role("link", name="أضف").click()
    page.get_by_role("heading", name="إضافة مقال").wait_for()


def write_body(page, heading, paragraph):
    """Type into the prose editor as a person does: pick a heading, type, Enter, type."""
    page.get_by_role("textbox", name="النص").click()
    # The block-type menu (its button lets clicks through to the menu around it).
    page.locator(".field-body .prose-menubar__selected").click()
    page.get_by_role("button", name="عنوان 2", exact=True).click()
    page.keyboard.type(heading)
    page.keyboard.press("Enter")
    page.keyboard.type(paragraph)


def choose_author(page, name):
    field = page.locator(".field-authors")
    field.get_by_role("searchbox").click()
    field.get_by_role("searchbox").press_sequentially(name.split()[0])
    page.get_by_role("listbox").get_by_role("option", name=name).click()


def choose_lead_image(page, alt_text):
    """The picker opens over the form; a photo is chosen by its description."""
    page.locator(".field-lead_image").get_by_role("button", name="اختر من مكتبة الصور").click()
    picker = page.get_by_role("dialog", name="اختر الصورة الرئيسية")
    picker.get_by_role("button", name=alt_text).click()
    picker.get_by_role("button", name="استخدم هذه الصورة").click()
    picker.wait_for(state="detached")


def fill_article(page, *, title, standfirst, section, author, tags, heading, paragraph):
    page.get_by_label("العنوان").fill(title)
    page.get_by_label("المقدمة").fill(standfirst)
    write_body(page, heading, paragraph)
    page.get_by_role("combobox", name="قسم").select_option(label=section)
    choose_author(page, author)
    page.get_by_role("textbox", name="الوسوم").fill(tags)


def assert_rtl_form_fits(page):
    """The form reads right to left and nothing pushes it sideways."""
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    editor = page.get_by_role("textbox", name="النص")
    assert editor.evaluate("e => getComputedStyle(e).direction") == "rtl"
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the article form scrolls sideways: {widths}"


TITLE = "المكتبة العامة تفتح أبوابها ليلًا"
CAPTION = "قاعة المطالعة الكبرى بعد تجديد إنارتها"
ALT = "رفوف كتب خشبية عالية وطاولات مطالعة تحت مصابيح صفراء"


def test_editor_uploads_an_image_and_publishes_an_article_readers_find(
    page, trouble, reader, editor, newsroom, tmp_path, artifacts
):
    log_in(page, "rania")
    upload_to_library(
        page,
        photo(tmp_path),
        alt_text=ALT,
        caption=CAPTION,
        credit="جود حمدان",
        artifacts=artifacts,
    )
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 900)
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1280, 1600]

    open_new_article_form(page)
    fill_article(
        page,
        title=TITLE,
        standfirst="تجربة تمتد ثلاثة أشهر يستقبل فيها القراء حتى منتصف الليل.",
        section="ثقافة",
        author="نادية الخطيب",
        tags="مكتبات، حياة الليل",
        heading="مواعيد جديدة",
        paragraph="تفتح القاعات من الرابعة عصرًا حتى منتصف الليل طوال أيام الأسبوع.",
    )
    # The address is made from the Arabic title as the editor leaves it.
    assert page.get_by_label("المعرّف في الرابط").input_value() == "المكتبة-العامة-تفتح-أبوابها-ليلا"
    choose_lead_image(page, ALT)
    page.get_by_role("combobox", name="الحالة").select_option(label="منشور")
    assert_rtl_form_fits(page)
    page.screenshot(path=artifacts / "editor-article-form-1280.png", full_page=True)

    message = save(page)
    assert TITLE in message and "نجحت إضافة" in message
    assert page.locator(".messagelist .warning").count() == 0, message
    article = Article.objects.get()
    assert article.lead_image == image
    assert list(article.tags.names().order_by("name")) == ["حياة الليل", "مكتبات"]
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    assert "منشور" in row.inner_text()
    row.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name="تعديل مقال").wait_for()
    lead = page.locator(".field-lead_image")
    assert CAPTION in lead.inner_text() and lead.get_by_role("img", name=ALT).is_visible()
    page.screenshot(path=artifacts / "editor-article-saved-1280.png", full_page=True)
    assert trouble.found == []

    # A reader, in a browser of their own, finds it on the home page and in its section.
    reader.goto("/")
    reader.get_by_role("link", name=TITLE).first.wait_for()
    reader.get_by_role("navigation", name="الأقسام").get_by_role("link", name="ثقافة").click()
    reader.get_by_role("heading", level=1, name="ثقافة").wait_for()
    reader.get_by_role("link", name=TITLE).first.click()
    reader.get_by_role("heading", level=1, name=TITLE).wait_for()
    caption = reader.locator("figure.lead-figure figcaption")
    assert caption.is_visible()
    assert CAPTION in caption.inner_text() and "تصوير: جود حمدان" in caption.inner_text()
    assert reader.locator("figure.lead-figure img").get_attribute("alt") == ALT
    body = reader.locator(".article-body")
    assert body.get_by_role("heading", level=2, name="مواعيد جديدة").is_visible()
    assert "حتى منتصف الليل طوال أيام الأسبوع" in body.inner_text()
    tags = reader.locator(".article-tags")
    assert tags.get_by_role("link", name="مكتبات").is_visible()
    assert tags.get_by_role("link", name="حياة الليل").is_visible()
    assert "نادية الخطيب" in reader.locator("main").inner_text()


def test_a_scheduled_article_waits_for_its_time_then_appears_by_itself(
    page, trouble, reader, editor, newsroom, artifacts
):
    title = "افتتاح معرض الخط العربي في قاعة البلدية"
    log_in(page, "rania")
    open_new_article_form(page)
    fill_article(
        page,
        title=title,
        standfirst="أعمال أربعين خطاطًا من المدينة وضواحيها.",
        section="محليات",
        author="عمر الصافي",
        tags="خط عربي، معارض",
        heading="ساعات الزيارة",
        paragraph="يستقبل المعرض الزوار من العاشرة صباحًا حتى الثامنة مساءً.",
    )
    page.get_by_role("combobox", name="الحالة").select_option(label="منشور")
    # Two days from now in the newsroom's time zone, as the editor would type it.
    when = timezone.localtime() + timedelta(days=2)
    publication = page.locator(".field-published_at")
    publication.get_by_role("textbox").nth(0).fill(when.strftime("%Y-%m-%d"))
    publication.get_by_role("textbox").nth(1).fill(when.strftime("%H:%M"))
    publication.get_by_role("link", name="اختر تاريخًا").click()  # the calendar, right to left
    page.locator(".calendarbox").wait_for()
    page.locator(".calendarbox").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "editor-schedule-calendar-1280.png")
    page.keyboard.press("Escape")
    page.locator(".calendarbox").wait_for(state="hidden")

    message = save(page)
    assert title in message and "نجحت إضافة" in message
    row = page.locator("#result_list tbody tr", has_text=title)
    assert "مجدول" in row.inner_text()
    article = Article.objects.get()
    assert article.is_scheduled
    assert trouble.found == []

    # Readers see nothing of it: not on the home page, not in its section, not at its address.
    reader.goto("/")
    reader.get_by_role("heading", level=1).first.wait_for()
    assert reader.get_by_role("link", name=title).count() == 0
    reader.goto(newsroom["local"].get_absolute_url())
    reader.get_by_role("heading", level=1, name="محليات").wait_for()
    assert reader.get_by_role("link", name=title).count() == 0
    assert reader.goto(article.get_absolute_url()).status == 404

    # The time comes (no cron: every page asks which articles are published).
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    reader.goto("/")
    reader.get_by_role("link", name=title).first.wait_for()
    reader.goto(newsroom["local"].get_absolute_url())
    reader.get_by_role("link", name=title).first.click()
    reader.get_by_role("heading", level=1, name=title).wait_for()
    assert reader.locator(".article-body").get_by_role("heading", name="ساعات الزيارة").is_visible()


def test_the_body_editor_and_the_date_picker_work_for_an_arabic_editor(page, trouble, editor):
    log_in(page, "rania")
    open_new_article_form(page)

    # The body editor is named by its label, and a click on the label lands in it.
    body = page.get_by_role("textbox", name="النص")
    assert "اسحبها إلى هنا أو الصقها" in body.evaluate(
        "box => document.getElementById(box.getAttribute('aria-describedby')).textContent"
    )
    page.locator(".field-body label").click()
    expect(body).to_be_focused()
    page.keyboard.type("سطر أول")
    assert body.inner_text() == "سطر أول"

    # Arabic spells the days out: the whole week fits in the date picker, Saturday included.
    page.locator(".field-published_at").get_by_role("link", name="اختر تاريخًا").click()
    calendar = page.locator(".calendarbox")
    calendar.wait_for()
    box = calendar.bounding_box()
    days = calendar.locator("th")
    assert days.all_inner_texts() == ["أحد", "إثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت"]
    for day in days.all():
        cell = day.bounding_box()
        assert box["x"] <= cell["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"], (
            f"{day.inner_text()} is cut off: {cell} outside {box}"
        )
    calendar.locator("tbody tr td:nth-child(7) a").first.click()  # the first Saturday
    chosen = page.locator(".field-published_at").get_by_role("textbox").nth(0).input_value()
    assert date.fromisoformat(chosen).weekday() == 5, chosen
    assert trouble.found == []
