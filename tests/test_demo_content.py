"""`make run` loads demo content: rich enough to show every page, and safe to load twice."""

import pytest
from django.core.management import call_command

from articles.models import Article, Author, Category


def snapshot():
    return {
        "sections": sorted(Category.objects.values_list("slug", flat=True)),
        "authors": sorted(Author.objects.values_list("slug", flat=True)),
        "articles": sorted(
            Article.objects.values_list("slug", "status", "lead_image", "body", "standfirst")
        ),
        "tags": sorted((a.slug, tuple(sorted(a.tags.names()))) for a in Article.objects.all()),
    }


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(client, media_root):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    first = snapshot()
    files = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert snapshot() == first
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files

    published = Article.objects.published()
    assert published.count() >= 6
    assert published.values("category").distinct().count() >= 3
    assert Article.objects.exclude(pk__in=published).exists()  # a draft or a scheduled one
    assert all(a.lead_image and a.lead_image.caption and a.lead_image.alt_text for a in published)
    assert all(a.body.count("<h2>") >= 3 for a in published)
    with_figure = [a for a in published if "<figcaption>" in a.body_html]
    assert with_figure
    article = with_figure[0]
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    src = article.body_html.split('src="')[1].split('"')[0]
    assert (media_root / src.removeprefix("/media/")).exists()
