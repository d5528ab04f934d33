"""The review workflow and the correction note, in a real browser (issue #11):
a writer sends a draft for review, an editor finds it on the dashboard and
publishes it; an editor adds a correction that readers see."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, Author, Category, Correction, EditingSession

from .test_editor import PASSWORD, Trouble, log_in, roles_migration, save

pytestmark = pytest.mark.django_db(transaction=True)


def role_group(name, grants):
    """A role as its data migration makes it (live-server tests empty the tables)."""
    wanted = Q()
    for app_label, model, codename in grants:
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def browser_of(browser, site):
    """A browser of one's own at 1280 px: its context, page, and what goes wrong in it."""
    context = browser.new_context(
        locale="ar", viewport={"width": 1280, "height": 900}, base_url=site.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page, Trouble(context)


TITLE = "بلدية المدينة تمدد ساعات عمل الحدائق العامة"


@pytest.fixture
def people(db):
    writer = User.objects.create_user("salma", password=PASSWORD, is_staff=True)
    writer.groups.add(role_group("Writers", roles_migration.WRITERS))
    editor = User.objects.create_user("rania", password=PASSWORD, is_staff=True)
    editor.groups.add(role_group("Editors", roles_migration.EDITORS))
    return {
        "writer": writer,
        "editor": editor,
        "byline": Author.objects.create(name="سلمى العلي", slug="سلمى-العلي", user=writer),
        "section": Category.objects.create(name="محليات", slug="محليات", position=1),
    }


def test_writer_sends_for_review_and_the_editor_publishes(browser, site, people, artifacts):
    draft = Article.objects.create(
        title=TITLE,
        standfirst="تبقى الحدائق مفتوحة حتى العاشرة ليلًا طوال الصيف.",
        body="<p>قررت البلدية تمديد ساعات العمل بعد طلبات السكان.</p>",
        category=people["section"],
    )
    draft.authors.add(people["byline"])

    writer, page, trouble = browser_of(browser, site)
    log_in(page, "salma")
    drafts = page.locator("#panel-my-drafts")
    drafts.get_by_role("link", name=TITLE).click()
    page.get_by_role("combobox", name="الحالة").select_option(label="جاهز للمراجعة")
    assert TITLE in save(page)
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW
    page.goto("/admin/")
    assert page.locator("#panel-review").get_by_role("link", name=TITLE).is_visible()
    assert trouble.found == []
    writer.close()

    editor, page, trouble = browser_of(browser, site)
    log_in(page, "rania")
    waiting = page.locator("#panel-review")
    assert "مقال واحد" in waiting.inner_text()
    page.screenshot(path=artifacts / "desk-dashboard-1280.png", full_page=True)
    found = Axe().run(page, context=".desk-dashboard").response["violations"]
    assert found == [], [(v["id"], v["help"]) for v in found]
    waiting.get_by_role("link", name=TITLE).click()
    page.get_by_role("combobox", name="الحالة").select_option(label="منشور")
    assert TITLE in save(page)
    draft.refresh_from_db()
    assert draft.is_published
    page.goto("/admin/")
    assert page.locator("#panel-recent").get_by_role("link", name=TITLE).is_visible()
    assert "لا شيء ينتظر المراجعة" in page.locator("#panel-review").inner_text()
    assert trouble.found == []

    page.goto(draft.get_absolute_url())
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    editor.close()


def test_a_correction_note_reaches_the_public_page(browser, site, people, artifacts):
    article = Article.objects.create(
        title=TITLE,
        body="<p>تفتح الحدائق حتى الحادية عشرة ليلًا.</p>",
        category=people["section"],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=5),
    )
    article.authors.add(people["byline"])
    note = "ذكرت نسخة سابقة أن الحدائق تفتح حتى الحادية عشرة، والصحيح حتى العاشرة."
    context, page, trouble = browser_of(browser, site)
    log_in(page, "rania")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert EditingSession.objects.filter(article=article).exists()  # the form is open
    page.locator(".inline-group", has_text="تصحيح").get_by_role("textbox").first.fill(note)
    assert TITLE in save(page)
    assert Correction.objects.get().text == note
    # Leaving the form, the page said it closed (desk-editing.js): nobody is told it is open.
    for _ in range(20):  # the beacon travels on its own
        if not EditingSession.objects.filter(article=article).exists():
            break
        page.wait_for_timeout(100)
    assert not EditingSession.objects.filter(article=article).exists()
    assert trouble.found == []

    page.goto(article.get_absolute_url())
    corrections = page.locator("aside.corrections")
    corrections.wait_for()
    assert "تصحيح:" in corrections.inner_text() and note in corrections.inner_text()
    # At the end of the article, below its body.
    body_bottom = page.locator(".article-body").bounding_box()
    assert corrections.bounding_box()["y"] >= body_bottom["y"] + body_bottom["height"]
    corrections.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "article-correction-1280.png")
    context.close()


def test_two_editors_on_one_article(browser, site, people, artifacts):
    """The first hears that the second opened it; the second's save stands, the first's
    is refused with what they typed still in the form."""
    article = Article.objects.create(
        title=TITLE,
        body="<p>تفتح الحدائق حتى العاشرة ليلًا.</p>",
        category=people["section"],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    article.authors.add(people["byline"])
    second = User.objects.create_user("mazen", password=PASSWORD, is_staff=True)
    second.groups.add(role_group("Editors", roles_migration.EDITORS))
    Author.objects.create(name="مازن عيسى", slug="مازن-عيسى", user=second)
    form_url = f"/admin/articles/article/{article.pk}/change/"

    first_context, first, first_trouble = browser_of(browser, site)
    first.clock.install()
    log_in(first, "rania")
    first.goto(form_url)
    assert first.locator(".messagelist .warning").count() == 0

    second_context, other, other_trouble = browser_of(browser, site)
    log_in(other, "mazen")
    other.goto(form_url)
    assert "مفتوح أيضًا لدى rania" in other.locator(".messagelist").first.inner_text()
    # A minute on, the first editor's form hears who else has it open.
    first.clock.fast_forward("01:05")
    first.locator(".desk-editing-notice").get_by_text("مازن عيسى").wait_for()

    other.get_by_label("العنوان").fill("عنوان الزميل الأحدث")
    assert "عنوان الزميل الأحدث" in save(other)
    first.get_by_label("العنوان").fill("عنواني الذي كتبته")
    first.get_by_role("button", name="احفظ", exact=True).click()
    first.locator(".errornote").wait_for()
    first.screenshot(path=artifacts / "desk-newer-version-refused-1280.png")
    assert "مازن عيسى" in first.locator(".errorlist").first.inner_text()
    assert first.get_by_label("العنوان").input_value() == "عنواني الذي كتبته"
    article.refresh_from_db()
    assert article.title == "عنوان الزميل الأحدث"
    assert first_trouble.found == [] and other_trouble.found == []
    first_context.close()
    second_context.close()
