"""The restructure's rules: one job per app, dependencies one way, derived data rebuilt by
commands, and every write readers see through save()."""

import ast
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from articles.models import Article
from articles.tags import parse_tags
from images.models import Image

from .factories import jpeg_bytes, library_image

ROOT = Path(__file__).resolve().parent.parent
# What each package must never import (the arrows of docs/architecture.md).
FORBIDDEN = {
    "images": {"arabic", "articles", "search", "distribution", "comments", "demo", "newsroom"},
    "arabic": {"images", "articles", "search", "distribution", "comments", "demo", "newsroom"},
    "articles": {"search", "distribution", "comments", "demo", "newsroom"},
    "search": {"distribution", "comments", "demo", "newsroom"},
    "distribution": {"search", "comments", "demo", "newsroom"},
    "comments": {"search", "demo", "newsroom"},
    "staff": {"images", "articles", "search", "distribution", "comments", "demo", "newsroom"},
}


def imports_of(package):
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module
            elif isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)


def is_forbidden(package, module):
    # Two project modules serve every app: the site's name and addresses, and the
    # retrying of background tasks.
    shared = {"newsroom.site", "newsroom.background"}
    return module not in shared and module.split(".")[0] in FORBIDDEN[package]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package):
    wrong = {(p.relative_to(ROOT).as_posix(), m) for p, m in imports_of(package)}
    wrong = {(p, m) for p, m in wrong if is_forbidden(package, m)}
    assert not wrong


@pytest.mark.parametrize(
    "typed, names",
    [
        ("سياسة، اقتصاد", ["اقتصاد", "سياسة"]),
        ("سياسة, اقتصاد ،رياضة", ["اقتصاد", "رياضة", "سياسة"]),
        ("غزة القدس", ["القدس", "غزة"]),
        ('"الأمم المتحدة"، غزة', ["الأمم المتحدة", "غزة"]),
        ("، ,", []),
    ],
)
def test_tags_split_on_arabic_and_latin_commas(typed, names):
    assert parse_tags(typed) == names


@pytest.mark.django_db(transaction=True)
def test_deleting_an_image_deletes_its_files_after_commit(media_root):
    image = library_image()
    names = image.stored_names()
    assert len(names) >= 3 and all(default_storage.exists(n) for n in names)
    with transaction.atomic():
        image.delete()
        # Until the deletion commits, a rollback must find the files in place.
        assert all(default_storage.exists(n) for n in names)
    assert not any(default_storage.exists(n) for n in names)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_deletion_keeps_the_files(media_root):
    image = library_image()
    names = image.stored_names()
    with pytest.raises(RuntimeError), transaction.atomic():
        Image.objects.filter(pk=image.pk).delete()
        raise RuntimeError
    assert Image.objects.filter(pk=image.pk).exists()
    assert all(default_storage.exists(n) for n in names)


@pytest.mark.django_db
def test_rebuild_renditions_follows_new_widths(settings, media_root):
    image = library_image(data=jpeg_bytes(800, 400))
    old = image.stored_names() - {image.file.name}
    settings.IMAGE_RENDITION_WIDTHS = [200, 500]
    call_command("rebuild_renditions", stdout=open("/dev/null", "w"))
    image.refresh_from_db()
    assert [r["width"] for r in image.renditions] == [200, 500]
    assert all(default_storage.exists(n) for n in image.stored_names())
    assert not any(default_storage.exists(n) for n in old - image.stored_names())


@pytest.mark.django_db
def test_rebuild_bodies_renders_the_figure_template_again(published, settings):
    photo = library_image(alt_text="ميناء المدينة", caption="")
    caption = "<figcaption>سفن في الميناء</figcaption>"
    published.body = f'<figure data-image="{photo.pk}">{caption}</figure>'
    published.save()
    versions = published.history.count()
    Article.objects.filter(pk=published.pk).update(body_html="<p>قديم</p>")
    call_command("rebuild_bodies", stdout=open("/dev/null", "w"))
    published.refresh_from_db()
    assert "<figcaption>" in published.body_html and "سفن في الميناء" in published.body_html
    assert published.history.count() == versions  # no version: the text did not change


@pytest.mark.django_db
def test_publish_now_saves_each_article_with_a_history_record(client, desk_editor, make_article):
    draft = make_article("مسودة تنتظر النشر", status=Article.Status.DRAFT)
    versions = draft.history.count()
    client.force_login(desk_editor)
    client.post(
        "/admin/articles/article/", {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft in Article.objects.published()
    assert draft.history.count() == versions + 1
    assert draft.history.latest().status == Article.Status.PUBLISHED
