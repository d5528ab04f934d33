"""Figures move into the body: [[figure:N]] markers become <figure data-image="ID"> elements.

Each marker is replaced by the figure it named (its library image, its caption,
or the image's own caption when the figure had none); markers naming no figure
go, as they did for readers. ArticleFigure stays as the index of the library
images a body shows (so an image in use cannot be deleted), without captions:
those live in the body now. Saved versions in the history are converted too,
with the figures as they are now, so that restoring an old version keeps its
photographs. The reader's HTML (body_html) is already what it was.
"""

import re

from django.core.files.storage import default_storage
from django.db import migrations, models
from django.utils.html import escape

MARKER = re.compile(r"\[\[\s*(?:figure|صورة)\s*:\s*(\d+)\s*\]\]", re.I)
MARKER_PARAGRAPH = re.compile(rf"<p>\s*{MARKER.pattern}\s*</p>", re.I)
BODY_HELP = (
    "Photos: drop or paste them here, or use the library button of the toolbar; "
    "type each caption under its photo. A YouTube, X, Facebook or Instagram link "
    "alone on its line is shown to readers as an embed."
)
FIGURE = re.compile(r'<figure data-image="(\d+)">.*?<figcaption>(.*?)</figcaption></figure>', re.S)


def thumbnail_url(image):
    entries = image.renditions or []
    entry = next((e for e in entries if e["width"] >= 640), entries[-1] if entries else None)
    return default_storage.url(entry["jpeg"]) if entry else default_storage.url(image.file.name)


def figure_html(figure):
    image = figure.image
    return (
        f'<figure data-image="{image.pk}"><img src="{escape(thumbnail_url(image))}" '
        f'alt="{escape(image.alt_text)}"><figcaption>{escape(figure.caption or image.caption)}'
        "</figcaption></figure>"
    )


def with_figures(body, figures):
    def replace(match):
        figure = figures.get(int(match.group(1)))
        return figure_html(figure) if figure else ""

    return MARKER.sub(replace, MARKER_PARAGRAPH.sub(replace, body or ""))


def markers_into_figures(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleFigure = apps.get_model("articles", "ArticleFigure")
    try:
        history = apps.get_model("articles", "HistoricalArticle")
    except LookupError:
        history = None
    for article in Article.objects.all().iterator():
        figures = {
            f.position: f for f in ArticleFigure.objects.filter(article=article).select_related("image")
        }
        if not MARKER.search(article.body) and not figures:
            continue
        body = with_figures(article.body, figures)
        Article.objects.filter(pk=article.pk).update(body=body)
        if history is not None:
            for version in history.objects.filter(id=article.pk):
                if MARKER.search(version.body):
                    version.body = with_figures(version.body, figures)
                    version.save(update_fields=["body"])
        # The index now follows the body's order.
        ArticleFigure.objects.filter(article=article).delete()
        ArticleFigure.objects.bulk_create(
            ArticleFigure(article=article, image_id=int(image_id), position=n, caption="")
            for n, (image_id, _caption) in enumerate(FIGURE.findall(body), 1)
        )
    if schema_editor.connection.vendor == "postgresql":
        # The rows just written carry deferred foreign-key checks; PostgreSQL
        # refuses to alter their table (below) while those are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def figures_into_markers(apps, schema_editor):
    """Back to numbered markers, each figure's caption kept on its ArticleFigure."""
    Article = apps.get_model("articles", "Article")
    ArticleFigure = apps.get_model("articles", "ArticleFigure")
    for article in Article.objects.filter(body__contains="<figure data-image="):
        found = FIGURE.findall(article.body)
        ArticleFigure.objects.filter(article=article).delete()
        ArticleFigure.objects.bulk_create(
            ArticleFigure(
                article=article,
                image_id=int(image_id),
                position=n,
                caption=re.sub(r"<[^>]+>", "", caption)[:300],
            )
            for n, (image_id, caption) in enumerate(found, 1)
        )
        numbers = iter(range(1, len(found) + 1))
        body = FIGURE.sub(lambda m: f"<p>[[figure:{next(numbers)}]]</p>", article.body)
        Article.objects.filter(pk=article.pk).update(body=body)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_desk_roles"),
        ("images", "0002_focal_point"),
    ]

    operations = [
        migrations.RunPython(markers_into_figures, figures_into_markers),
        migrations.RemoveField(model_name="articlefigure", name="caption"),
        migrations.AlterModelOptions(
            name="articlefigure",
            options={
                "ordering": ["position"],
                "verbose_name": "photo in a body",
                "verbose_name_plural": "photos in bodies",
            },
        ),
        migrations.AlterField(
            model_name="articlefigure",
            name="position",
            field=models.PositiveSmallIntegerField(verbose_name="order in the body"),
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(blank=True, help_text=BODY_HELP, verbose_name="body"),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="body",
            field=models.TextField(blank=True, help_text=BODY_HELP, verbose_name="body"),
        ),
    ]
