"""Existing lead images move into the image library when the desk's migrations run."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from articles.models import Article

from .test_images import CAMERA, photo_with_metadata

BEFORE_LIBRARY = [("articles", "0003_desk_publishing")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Transactional (schema changes); serialized_rollback restores the roles afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lead_images_are_copied_into_the_library(media_root):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old_apps = migrate(BEFORE_LIBRARY)
    try:
        OldArticle = old_apps.get_model("articles", "Article")
        OldCategory = old_apps.get_model("articles", "Category")
        name = default_storage.save("articles/2026/11/old.jpg", ContentFile(photo_with_metadata()))
        section = OldCategory.objects.create(name="اقتصاد", slug="اقتصاد")
        old = OldArticle.objects.create(
            title="خبر قديم بصورة",
            slug="خبر-قديم-بصورة",
            category=section,
            lead_image=name,
            lead_image_width=60,
            lead_image_height=30,
            lead_image_alt="ميناء المدينة",
            lead_image_caption="سفن في الميناء",
            lead_image_credit="وكالة محلية",
        )
        without = OldArticle.objects.create(title="خبر بلا صورة", slug="بلا-صورة", category=section)
    finally:
        migrate(latest)

    article = Article.objects.select_related("lead_image").get(pk=old.pk)
    image = article.lead_image
    assert (image.alt_text, image.caption, image.credit) == (
        "ميناء المدينة",
        "سفن في الميناء",
        "وكالة محلية",
    )
    assert (image.width, image.height) == (30, 60)  # turned upright on the way
    assert image.renditions
    stored = default_storage.open(image.file.name).read()
    assert b"Exif" not in stored and CAMERA.encode() not in stored
    assert not PILImage.open(io.BytesIO(stored)).getexif()
    assert Article.objects.get(pk=without.pk).lead_image is None
