"""The front page and the newsdesk in a real browser: banners, live updates,
most read, sharing, the compact header, dark mode, accessibility, screenshots."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.models import BreakingNews, LiveCoverage, LiveUpdate

from .content import make_newspaper
from .test_reader import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newspaper():
    return make_newspaper()


def open_context(browser, site, *, width=1280, scheme="light"):
    return browser.new_context(
        locale="ar",
        viewport={"width": width, "height": 900},
        base_url=site.url,
        color_scheme=scheme,
    )


def test_breaking_banner_appears_at_once_and_expires_by_itself(page, newspaper):
    article = newspaper[0]
    page.goto("/")
    assert page.locator(".breaking").count() == 0
    BreakingNews.objects.create(
        headline="انقطاع المياه عن الحي الشمالي",
        article=article,
        expires_at=timezone.now() + timedelta(seconds=4),
    )
    for url in ["/", newspaper[2].get_absolute_url(), "/search/?q=السوق"]:
        page.goto(url)
        banner = page.get_by_role("complementary", name="أخبار عاجلة")
        assert "عاجل" in banner.inner_text() and "انقطاع المياه" in banner.inner_text(), url
    banner.get_by_role("link", name="انقطاع المياه عن الحي الشمالي").click()
    page.get_by_role("heading", level=1, name=article.title).wait_for()
    page.wait_for_timeout(4500)
    page.reload()
    assert page.locator(".breaking").count() == 0


def test_a_live_update_appears_on_an_open_page_within_30_seconds(page, newspaper):
    article = newspaper[0]
    LiveCoverage.objects.create(article=article, is_live=True)
    LiveUpdate.objects.create(article=article, text="بدأ المؤتمر الصحفي في البلدية")
    page.goto(article.get_absolute_url())
    page.get_by_text("بدأ المؤتمر الصحفي في البلدية").wait_for()
    assert page.locator(".live-badge").inner_text().strip() == "تغطية مباشرة"
    LiveUpdate.objects.create(article=article, text="رئيس البلدية يعلن موعد الافتتاح")
    fresh = page.locator(".live-update").first
    fresh.get_by_text("رئيس البلدية يعلن موعد الافتتاح").wait_for(timeout=30_000)
    assert page.locator(".live-status").inner_text() == "أُضيف تحديث جديد."


def test_share_links_carry_the_canonical_url(page, newspaper):
    from urllib.parse import parse_qs, urlsplit

    page.goto(newspaper[1].get_absolute_url())
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    share = page.locator(".share")
    hrefs = {
        name: share.get_by_role("link", name=f"شارك عبر {name}").get_attribute("href")
        for name in ["WhatsApp", "Telegram", "X", "Facebook"]
    }
    assert canonical in parse_qs(urlsplit(hrefs["WhatsApp"]).query)["text"][0]
    assert parse_qs(urlsplit(hrefs["Telegram"]).query)["url"] == [canonical]
    assert parse_qs(urlsplit(hrefs["X"]).query)["url"] == [canonical]
    assert parse_qs(urlsplit(hrefs["Facebook"]).query)["u"] == [canonical]
    # Copying the link, where the browser has a clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = share.get_by_role("button", name="انسخ الرابط")
    if copy.is_visible():
        copy.click()
        page.get_by_text("نُسخ الرابط").wait_for(state="attached")
        assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_the_most_read_block_counts_a_view(page, newspaper):
    article = newspaper[3]
    with page.expect_response(lambda r: "/read/" in r.url) as beacon:
        page.goto(article.get_absolute_url())
    assert beacon.value.status == 204
    assert page.context.cookies() == []
    call_command("flush_read_counts", stdout=open("/dev/null", "w"))
    page.goto("/")
    block = page.get_by_role("complementary", name="الأكثر قراءة في 24 ساعة")
    assert block.get_by_role("link", name=article.title).is_visible()
    assert "قراءة واحدة" in block.inner_text()


def test_compact_phone_header_with_a_menu_that_shows_it_scrolls(browser, site, newspaper):
    from articles.models import Category

    for i, name in enumerate(["اقتصاد", "ثقافة", "علوم وتقنية", "رأي", "منوعات"]):
        Category.objects.create(name=name, slug=f"s{i}", position=10 + i)
    context = open_context(browser, site, width=360)
    page = context.new_page()
    page.goto("/")
    assert page.locator(".site-header").bounding_box()["height"] < 110
    nav = page.locator(".sections-nav ul")
    assert nav.evaluate("n => n.scrollWidth > n.clientWidth")
    fade = page.evaluate(
        "getComputedStyle(document.querySelector('.sections-nav'), '::after').content"
    )
    assert fade not in ("none", "normal", "")
    targets = page.locator(
        ".sections-nav a, .search-form button, .theme-switch, .search-form input"
    )
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        if box["x"] + box["width"] > 0 and box["x"] < 360:
            assert box["height"] >= 48, targets.nth(i).evaluate("e => e.outerHTML")[:80]
    context.close()


def test_dark_mode_switch_is_remembered_without_a_cookie(page, newspaper):
    page.goto("/")
    switch = page.get_by_role("button", name="الوضع الداكن")
    assert switch.get_attribute("aria-pressed") == "false"
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    page.goto(newspaper[0].get_absolute_url())
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    assert page.context.cookies() == []


def test_dark_mode_follows_the_system(browser, site, newspaper):
    context = open_context(browser, site, scheme="dark")
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 21, 23)"
    assert page.get_by_role("button", name="الوضع الداكن").get_attribute("aria-pressed") == "true"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_are_accessible_and_photographed_in_both_themes(
    browser, site, newspaper, scheme, artifacts
):
    article = newspaper[0]
    LiveCoverage.objects.create(article=article, is_live=True)
    LiveUpdate.objects.create(article=article, text="وصل الوزير إلى موقع السوق")
    BreakingNews.objects.create(headline="إغلاق مؤقت لجسر المدينة", article=newspaper[1])
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.category.get_absolute_url(),
        "search": "/search/?q=السوق",
    }
    for width in (360, 1280):
        context = open_context(browser, site, width=width, scheme=scheme)
        page = context.new_page()
        for name, url in pages.items():
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.screenshot(
                path=artifacts / f"frontpage-{name}-{width}-{scheme}.png", full_page=True
            )
            if width == 360:
                assert serious_violations(page) == [], (url, scheme)
        context.close()


def test_editor_posts_a_live_update_from_the_article_form_without_reloading(
    page, newspaper, artifacts
):
    from django.contrib.auth.models import User

    from .test_editor import PASSWORD, editors_group, log_in

    user = User.objects.create_user("samira", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    article = newspaper[0]
    LiveCoverage.objects.create(article=article, is_live=True)
    log_in(page, "samira")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.evaluate("window.notReloaded = true")
    group = page.locator("#live_updates-group")
    group.locator('textarea[name$="-text"]').first.fill("الدفاع المدني يفتح الطريق من جديد")
    group.get_by_role("button", name="انشر هذا التحديث الآن").click()
    group.get_by_text("نُشر: يراه القرّاء خلال 30 ثانية.").wait_for()
    assert page.evaluate("window.notReloaded") is True  # the same page: the form was not sent
    assert group.locator('textarea[name$="-text"]').first.input_value() == ""
    group.screenshot(path=artifacts / "frontpage-desk-live-updates.png")
    assert LiveUpdate.objects.get(article=article).text == "الدفاع المدني يفتح الطريق من جديد"
    reader = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
    reader.goto(article.get_absolute_url())
    assert reader.get_by_text("الدفاع المدني يفتح الطريق من جديد").is_visible()
    reader.close()


def test_printing_an_article_prints_the_article_alone_with_its_link_addresses(page, newspaper):
    article = newspaper[0]
    article.body += '<p>التفاصيل في <a href="https://example.org/plan">خطة البلدية</a>.</p>'
    article.save()
    page.goto(article.get_absolute_url())
    page.emulate_media(media="print")
    hidden = [".sections-nav", ".search-form", ".site-footer", ".share", ".comments", ".related"]
    for selector in hidden:
        shown = page.locator(selector).first
        assert shown.count() == 0 or not shown.is_visible(), selector
    assert page.get_by_role("heading", level=1, name=article.title).is_visible()
    link = page.locator(".article-body a", has_text="خطة البلدية")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/plan" in after


def test_the_read_count_waits_for_the_page_to_load_and_paint(page, newspaper):
    # On a phone's slow line the beacon's round trip to the app would compete with
    # the page's own files (issue #17): it leaves once the page is loaded and painted.
    with page.expect_response(lambda r: "/read/" in r.url) as beacon:
        page.goto(newspaper[3].get_absolute_url())
    assert beacon.value.status == 204
    sent, loaded, painted = page.evaluate(
        """() => [
            performance.getEntriesByType("resource").find(e => e.name.includes("/read/")).startTime,
            performance.getEntriesByType("navigation")[0].loadEventEnd,
            performance.getEntriesByName("first-contentful-paint")[0].startTime,
        ]"""
    )
    assert sent >= loaded and sent >= painted, (sent, loaded, painted)
