"""Every admin page an editor, a writer, a moderator (and the superuser) can open reads
in proper Arabic: no English string of Django or a library, no ungrammatical count.

The pages are found by following the links of the desk from its home page, so a new
page is checked as soon as something links to it.
"""

import json
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, Correction

from .conftest import desk_user, library_image

# English that Django and its libraries show when a translation is missing (or
# that we once left untranslated). Matched as whole words in what a person sees:
# text, and the title, alt, placeholder, aria-label and button values.
ENGLISH = [
    "None", "Password-based authentication", "Enabled", "Disabled", "click to clear",
    "Add another", "Taggit", "Can add", "Can change", "Can delete", "Can view",
    "Can publish", "entries", "entry", "Editors", "Writers", "Moderators", "Search",
    "Show all", "Filter", "Choose", "Today", "Now", "Select all", "Save", "Delete",
    "History", "Home", "Log out", "View site", "Recent actions", "Draft", "Published",
    "Scheduled", "Ready for review", "results", "total", "selected", "Created", "Changed",
    "Deleted", "Object", "Changed by", "Change reason", "Changes", "Date/time",
    "Hold down", "Currently", "tagged item", "content type", "object ID", "Yes", "No",
    "Unknown", "Preview", "Corrections", "version", "versions", "Welcome", "Merge",
    "Tag", "Tags", "Please", "Enter", "Password", "Username", "Email", "Permissions",
    "Groups", "Staff", "Active", "Superuser", "First name", "Last name", "Important dates",
    "Personal info", "Add", "Change", "View", "Remove", "Clear", "Go", "Action", "Run",
    "Close", "Cancel", "Submit", "Required", "Optional", "Show", "Hide", "Next", "Previous",
    "Page", "of", "by", "the", "and", "or", "is", "to",
]  # fmt: skip
ENGLISH_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")

# Arabic that reads badly: the words of other catalogues, and counts pasted in
# front of a plural with the article («12 المقالات»), or a singular after 3–10.
UNGRAMMATICAL = [
    re.compile(pattern)
    for pattern in [
        r"تم انشاءه", r"أوْسِمه", r"إختر", r"تغير من قبل", r"سبيكة", r"الإدخالات",
        r"\b\d+ ال[\u0621-\u064a]+(?:ات|ون|ين)\b",
        r"\b\d+ (?:الأقسام|الكتّاب|الصور|الوسوم|المستخدمين|المجموعات)\b",
        r"\b(?:[3-9]|10) (?:ساعة|دقيقة|يوم|مقال|قسم|صورة|وسم|تعليق)\b",
        r"أضِف [\u0621-\u064a]+ آخر", r"ال[\u0621-\u064a]+ آخر\b",
        # Dates in the English order («ديسمبر 1, 2026, 10:46 ص»).
        r"[\u0621-\u064a]+ \d{1,2}, \d{4}", r"\d{1,2}:\d{2} [صم]\b",
        r"·\s*\(\s*\)",
    ]
]  # fmt: skip

# The admin's own scripts ask its JavaScript catalogue for these.
SCRIPT_WORDS = [
    "(click to clear)", "Choose all %s", "Remove all %s", "Choose", "Remove",
    "Type into this box to filter down the list of available %s.", "Today", "Now",
    "Cancel", "Show", "Hide", "%(sel)s of %(cnt)s selected",
]  # fmt: skip

NOT_CRAWLED = ("/admin/logout/", "/admin/jsi18n/", "/admin/r/", "/admin/autocomplete/")
MAX_PAGES = 120
HREF = re.compile(r"""\bhref\s*=\s*["']([^"'#]+)""")
SHOWN_ATTRIBUTES = re.compile(r'\b(?:title|alt|placeholder|aria-label)\s*=\s*"([^"]*)"', re.I)
# Buttons show their value; other inputs show what was typed in them (data, not the desk's).
BUTTON_VALUES = re.compile(r'<input\b[^>]*type="(?:submit|button|reset)"[^>]*value="([^"]*)"', re.I)
HIDDEN_BLOCKS = re.compile(r"<(script|style|template|textarea)\b.*?</\1>", re.I | re.S)
# A <select>'s options are shown; its value attributes are not.
OPTION_VALUES = re.compile(r"<option\b[^>]*>", re.I)
HIDDEN_INPUTS = re.compile(r"<input\b[^>]*type=\"hidden\"[^>]*>", re.I)
TAGS = re.compile(r"<[^>]+>")


def shown_text(html):
    """What a person sees of a page: its text and the attributes browsers show."""
    html = HIDDEN_BLOCKS.sub(" ", html)
    html = OPTION_VALUES.sub(" ", HIDDEN_INPUTS.sub(" ", html))
    attributes = " | ".join(SHOWN_ATTRIBUTES.findall(html) + BUTTON_VALUES.findall(html))
    return unescape(TAGS.sub(" ", html) + " | " + attributes)


def crawlable(url, base):
    parts = urlsplit(urljoin(base, url.strip()))
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/admin/"):
        return None
    if parts.path.startswith(NOT_CRAWLED) or parts.path.endswith("/delete/"):
        return None
    # Sorting and filtering make endless variants of a list; the desk's own
    # links (the dashboard's) and pages without a query are enough.
    if parts.query and not parts.query.startswith("state="):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    """Every admin page reachable from the desk's home page: {url: shown text}."""
    seen, queue, pages = {"/admin/"}, ["/admin/"], {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            assert response.status_code in (200, 302, 403), (url, response.status_code)
            continue
        html = response.content.decode()
        pages[url] = shown_text(html)
        for link in HREF.findall(html):
            target = crawlable(unescape(link), f"http://testserver{url}")
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def problems_in(pages):
    found = []
    for url, text in pages.items():
        found += [f"{url}: English «{m.group(0)}»" for m in ENGLISH_WORDS.finditer(text)]
        for pattern in UNGRAMMATICAL:
            found += [f"{url}: ungrammatical «{m.group(0)}»" for m in pattern.finditer(text)]
    return sorted(set(found))


@pytest.fixture
def desk(make_article, author, writer):
    """A desk with something on every page: every status, a correction, a comment, history."""
    image = library_image(alt_text="صورة السوق", caption="السوق صباحًا", credit="وكالة محلية")
    published = make_article("افتتاح السوق الجديد", tags=["أسواق"], lead_image=image)
    published.title = "افتتاح السوق الجديد في المدينة"
    published.save()  # a second version, for the history pages
    Correction.objects.create(article=published, text="السوق في الحي الشرقي لا الغربي.")
    make_article("مسودة عن المدارس", status=Article.Status.DRAFT, authors=[writer.author])
    make_article("مقال ينتظر المراجعة", status=Article.Status.REVIEW, authors=[writer.author])
    make_article("خبر مجدول", published_at=timezone.now() + timezone.timedelta(hours=3))
    return published


def people():
    return {
        "editor": desk_user("editor-ar", "Editors", author_name="هدى فارس"),
        "moderator": desk_user("moderator-ar", "Moderators"),
        "superuser": User.objects.create_superuser("chief", "chief@example.com", None),
    }


@pytest.mark.django_db
def test_every_desk_page_is_arabic(client, desk, writer):
    from comments.models import Comment

    Comment.objects.create(article=desk, name="قارئ", email="reader@example.com", body="شكرًا.")
    users = {"writer": writer, **people()}
    found, crawled = [], {}
    for role, user in users.items():
        client.force_login(user)
        pages = crawl(client)
        crawled[role] = pages
        found += [f"{role} {problem}" for problem in problems_in(pages)]
    # The crawl reached every kind of page for each role.
    for role, pages in crawled.items():
        assert any(url.endswith("/change/") for url in pages), role
        assert any(url.endswith("/history/") for url in pages), role
        assert any(url.endswith("/add/") for url in pages) or role == "moderator", role
    # What the crawl reads of a page includes what buttons and icons say.
    add_form = crawled["editor"]["/admin/articles/article/add/"]
    assert "أضف قسمًا آخر" in add_form and "احفظ" in add_form
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_admin_scripts_speak_arabic(client, writer):
    client.force_login(writer)
    catalog = client.get("/admin/jsi18n/").content.decode()
    words = json.loads(re.search(r"const newcatalog = (\{.*?\});", catalog, re.S).group(1))
    arabic = re.compile(r"[\u0621-\u064a]")
    missing = [w for w in SCRIPT_WORDS if not arabic.search(str(words.get(w, "")))]
    assert not missing, missing


@pytest.mark.django_db
def test_the_checks_find_what_they_hunt():
    """The lists catch what the issue saw on the desk's pages."""
    seen = "تم انشاءه None 12 المقالات ديسمبر 1, 2026, 10:46 ص أضِف القسم آخر 3 ساعة"
    problems = problems_in({"/admin/x/": seen})
    for expected in [
        "تم انشاءه",
        "None",
        "12 المقالات",
        "ديسمبر 1, 2026",
        "أضِف القسم آخر",
        "3 ساعة",
    ]:
        assert any(expected in problem for problem in problems), expected
    assert not problems_in({"/admin/x/": "12 مقالًا، 3 ساعات، أضف قسمًا آخر، 1 ديسمبر 2026، 10:41"})
