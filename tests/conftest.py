import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Category


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


def jpeg_bytes(width=64, height=36, colour=(160, 30, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def category(db):
    return Category.objects.create(name="سياسة", slug="سياسة", position=1)


@pytest.fixture
def author(db):
    return Author.objects.create(name="ليلى منصور", slug="ليلى-منصور", bio="مراسلة الشؤون المحلية.")


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
        article = Article(
            title=title or f"خبر رقم {n} عن مجلس المدينة",
            standfirst=fields.pop("standfirst", "ملخص قصير للخبر."),
            body=fields.pop("body", "<p>نص الخبر.</p>"),
            status=status,
            published_at=published_at,
            category=category,
            **fields,
        )
        if image:
            article.lead_image.save(f"lead-{n}.jpg", ContentFile(jpeg_bytes()), save=False)
        article.save()
        article.authors.set(authors)
        if tags:
            article.tags.set(list(tags))
        return article

    return make


@pytest.fixture
def published(make_article):
    return make_article(
        "المجلس البلدي يقر ميزانية العام الجديد",
        tags=["ميزانية"],
        image=True,
        lead_image_caption="أعضاء المجلس أثناء التصويت",
        lead_image_alt="قاعة المجلس البلدي",
        lead_image_credit="سامي حداد",
    )


@pytest.fixture
def draft(make_article):
    return make_article("مسودة لم تنشر بعد", status=Article.Status.DRAFT, tags=["سري"])


@pytest.fixture
def scheduled(make_article):
    return make_article(
        "خبر مجدول للغد", published_at=timezone.now() + timedelta(days=1), tags=["مجدول"]
    )
