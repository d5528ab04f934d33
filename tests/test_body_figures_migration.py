"""articles/0003_body_figures: bodies with [[figure:N]] markers become bodies with
library figures, their history too; and back again."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .factories import jpeg_bytes

BEFORE = [("articles", "0002_desk_roles"), ("images", "0001_initial")]
AFTER = [("articles", "0003_body_figures")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state(media_root):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_article(apps, body, figures):
    Category = apps.get_model("articles", "Category")
    Article = apps.get_model("articles", "Article")
    History = apps.get_model("articles", "HistoricalArticle")
    Image = apps.get_model("images", "Image")
    ArticleFigure = apps.get_model("articles", "ArticleFigure")
    section, _ = Category.objects.get_or_create(name="محليات", slug="محليات")
    article = Article.objects.create(
        title="خبر قديم", slug=f"old-{Article.objects.count()}", body=body, category=section
    )
    History.objects.create(
        id=article.pk,
        title=article.title,
        slug=article.slug,
        body=body,
        category=section,
        history_date=timezone.now(),
        history_type="+",
        status="draft",
        created_at=timezone.now(),
        comments_open=True,
        is_featured=False,
    )
    made = []
    for position, (alt, caption, figure_caption) in enumerate(figures, 1):
        image = Image(alt_text=alt, caption=caption, width=64, height=36)
        image.file.save(f"old-{position}.jpg", ContentFile(jpeg_bytes()), save=False)
        image.renditions = [{"width": 64, "height": 36, "jpeg": image.file.name}]
        image.save()
        ArticleFigure.objects.create(
            article=article, position=position, image=image, caption=figure_caption
        )
        made.append(image)
    return article, made


def test_markers_become_figures_with_their_captions(old_state):
    body = (
        "<p>مقدمة.</p><p>[[figure:1]]</p><p>وسط [[صورة:2]] النص.</p>"
        "<p>[[figure:9]]</p><p>خاتمة.</p>"
    )
    article, (market, port) = old_article(
        old_state,
        body,
        [("سوق", "السوق صباحًا", ""), ("ميناء", "الميناء", "الميناء <عند> الغروب")],
    )
    plain = old_article(old_state, "<p>بلا صور.</p>", [])[0]

    apps = migrate(AFTER)
    Article = apps.get_model("articles", "Article")
    converted = Article.objects.get(pk=article.pk).body
    assert converted == (
        "<p>مقدمة.</p>"
        f'<figure data-image="{market.pk}"><img src="/media/{market.file.name}" alt="سوق">'
        "<figcaption>السوق صباحًا</figcaption></figure>"
        "<p>وسط "
        f'<figure data-image="{port.pk}"><img src="/media/{port.file.name}" alt="ميناء">'
        "<figcaption>الميناء &lt;عند&gt; الغروب</figcaption></figure>"
        " النص.</p><p>خاتمة.</p>"
    )
    assert "[[" not in converted  # a marker naming no figure goes, as it did for readers
    history = apps.get_model("articles", "HistoricalArticle").objects.get(id=article.pk)
    assert history.body == converted
    assert Article.objects.get(pk=plain.pk).body == "<p>بلا صور.</p>"
    index = apps.get_model("articles", "ArticleFigure").objects.filter(article_id=article.pk)
    assert list(index.order_by("position").values_list("image_id", flat=True)) == [
        market.pk,
        port.pk,
    ]


def test_the_migration_goes_back_to_markers(old_state):
    article, (market,) = old_article(old_state, "<p>[[figure:1]]</p>", [("سوق", "", "السوق")])
    migrate(AFTER)
    apps = migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    assert Article.objects.get(pk=article.pk).body == "<p>[[figure:1]]</p>"
    figure = apps.get_model("articles", "ArticleFigure").objects.get(article_id=article.pk)
    assert (figure.position, figure.image_id, figure.caption) == (1, market.pk, "السوق")
