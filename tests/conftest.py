import os
import subprocess
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Category
from tests import factories
from tests.factories import jpeg_bytes, library_image  # noqa: F401 (used by the tests)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def page_cache(request, settings):
    """The page cache keeps pages only in tests marked `pagecache`.

    Purges happen on commit, and most tests never commit (each runs in a
    transaction rolled back at its end), so elsewhere a kept page would be stale.
    """
    from pagecache import store

    settings.PAGECACHE_ENABLED = request.node.get_closest_marker("pagecache") is not None
    store.reset_breaker()


@pytest.fixture
def category(db):
    return factories.section("سياسة", position=1)


@pytest.fixture
def author(db):
    return factories.author("ليلى منصور", bio="مراسلة الشؤون المحلية.")


@pytest.fixture
def make_article(db, category, author):
    """Create an article; published an hour ago unless told otherwise."""
    counter = iter(range(1, 100_000))

    def make(
        title=None,
        *,
        status=Article.Status.PUBLISHED,
        published_at=None,
        category=category,
        authors=(author,),
        tags=(),
        image=False,
        **fields,
    ):
        n = next(counter)
        if published_at is None and status == Article.Status.PUBLISHED:
            published_at = timezone.now() - timedelta(hours=1, minutes=n)
        if image:
            fields["lead_image"] = library_image(name=f"lead-{n}.jpg")
        return factories.article(
            title or f"خبر رقم {n} عن مجلس المدينة",
            category,
            status=status,
            published_at=published_at,
            authors=authors,
            tags=tags,
            **fields,
        )

    return make


@pytest.fixture
def published(make_article):
    return make_article(
        "المجلس البلدي يقر ميزانية العام الجديد",
        tags=["ميزانية"],
        lead_image=library_image(
            alt_text="قاعة المجلس البلدي",
            caption="أعضاء المجلس أثناء التصويت",
            credit="سامي حداد",
        ),
    )


@pytest.fixture
def draft(make_article):
    return make_article("مسودة لم تنشر بعد", status=Article.Status.DRAFT, tags=["سري"])


@pytest.fixture
def scheduled(make_article):
    return make_article(
        "خبر مجدول للغد", published_at=timezone.now() + timedelta(days=1), tags=["مجدول"]
    )


# --- The editor's desk: roles and admin form data -------------------------


def desk_user(username, group_name, *, author_name=None):
    """A staff member in one of the newsroom's roles (groups made by migrations)."""
    from django.contrib.auth.models import Group, User

    # No password: tests log in with force_login, and hashing one is slow.
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    if author_name:
        Author.objects.create(name=author_name, user=user)
    return user


@pytest.fixture
def writer(db):
    return desk_user("writer", "Writers", author_name="سلمى العلي")


@pytest.fixture
def other_writer(db):
    return desk_user("other-writer", "Writers", author_name="كريم ناصر")


@pytest.fixture
def desk_editor(db):
    return desk_user("desk-editor", "Editors", author_name="هدى فارس")


def article_form_data(article=None, **fields):
    """The POST data of the admin's article form, as a browser sends it.

    Starts from an existing article's values (or a new draft) and applies
    `fields` on top; a value of None leaves the field out.
    """
    data = {
        "title": "عنوان تجريبي",
        "slug": "",
        "standfirst": "",
        "body": "<p>نص</p>",
        "category": "",
        "authors": [],
        "tags": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "lead_image": "",
    }
    data.update(correction_form_data(article, fields.pop("correction", "")))
    # The newsdesk's inlines (live coverage and its updates), left empty.
    for prefix in ("live_coverage", "live_updates"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    if article is not None:
        local = timezone.localtime(article.published_at) if article.published_at else None
        data.update(
            title=article.title,
            slug=article.slug,
            standfirst=article.standfirst,
            body=article.body,
            category=article.category_id,
            authors=[a.pk for a in article.authors.all()],
            tags=", ".join(article.tags.names()),
            lead_image=article.lead_image_id or "",
            status=article.status,
            review_note=article.review_note,
            published_at_0=local.strftime("%Y-%m-%d") if local else "",
            published_at_1=local.strftime("%H:%M:%S") if local else "",
        )
        if article.is_featured:
            data["is_featured"] = "on"
        if not article.comments_open:
            del data["comments_open"]
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def correction_form_data(article, note=""):
    """The corrections inline of the article form: the notes it has, and a new one if given."""
    existing = list(article.corrections.all()) if article is not None and article.pk else []
    data = {
        "corrections-TOTAL_FORMS": str(len(existing) + bool(note)),
        "corrections-INITIAL_FORMS": str(len(existing)),
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": str(len(existing) + 1),
    }
    for i, correction in enumerate(existing):
        data[f"corrections-{i}-id"] = correction.pk
        data[f"corrections-{i}-article"] = article.pk
    if note:
        data[f"corrections-{len(existing)}-text"] = note
        data[f"corrections-{len(existing)}-article"] = article.pk
    return data


@pytest.fixture
def editor(db):
    """A staff member with every permission on articles, images and tags, none on comments."""
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "images", "taggit"])
    )
    return user


def count_queries(client, url):
    """How many queries a successful GET of url takes, with the shared cache empty.

    Site-wide data kept in the cache (breaking news, most read) costs a query
    only when the cache is cold; counting cold keeps two counts comparable.
    """
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def newsroom(make_article, category, author):
    """Returns a function that grows the site to n articles across sections and authors."""
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    culture = Category.objects.create(name="ثقافة", slug="ثقافة", position=3)
    second_author = Author.objects.create(name="عمر الخطيب", slug="عمر-الخطيب")
    sections = [category, sport, culture]
    made = []

    def grow(n):
        while len(made) < n:
            i = len(made)
            made.append(
                make_article(
                    f"خبر للقياس {i}",
                    category=sections[i % 3],
                    authors=[author, second_author],
                    tags=[f"وسم {i % 5}", "قياس"],
                    image=i % 2 == 0,
                )
            )
        return made

    return grow


def pytest_addoption(parser):
    parser.addoption(
        "--write-ranked",
        action="store_true",
        help="rewrite the rankings pinned in tests/data/search_table.json from this run",
    )


# --- Staff sign-in: two-factor devices ------------------------------------


@pytest.fixture
def enrol_two_factor(db):
    """enrol(user) gives the user a confirmed TOTP device; returns code(), the current code.

    Tests and journeys run with STAFF_2FA off (DEBUG); a test of two-factor
    sign-in turns it on (settings.STAFF_2FA = True) and enrols who it needs.
    """
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def enrol(user):
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        return lambda: current_code(device)

    def current_code(device):
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        return f"{totp.token():0{device.digits}d}"

    enrol.current_code = current_code
    return enrol


# --- A real, small media disk ---------------------------------------------------


@pytest.fixture
def media_disk(settings, tmp_path):
    """A real, small filesystem (tmpfs) as MEDIA_ROOT, which the test can fill or make read-only."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode:
        pytest.skip(f"cannot mount a small filesystem here: {result.stderr.decode().strip()}")
    settings.MEDIA_ROOT = mount

    class Disk:
        path = mount

        def fill(self, leave=0):
            """Fill the disk, leaving about `leave` bytes free."""
            stats = os.statvfs(mount)
            free = stats.f_bavail * stats.f_frsize
            with open(mount / "filler.bin", "wb") as filler:
                filler.write(b"\0" * max(0, free - leave))

        def read_only(self):
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)

    yield Disk()
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def worker(settings):
    """The database task backend, and a way to run its worker once over what is due."""
    from .background_tasks import DATABASE_TASKS, run_worker

    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_SECONDS = 0
    return run_worker
