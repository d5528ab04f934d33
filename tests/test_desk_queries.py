"""The desk's pages use as many queries with many articles and images as with few."""

import pytest

from articles.models import Article

from .conftest import count_queries


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/articles/article/", "/admin/images/image/", "preview", "preview-writer"]
)
def test_desk_pages_use_constant_queries(client, desk_editor, writer, make_article, url):
    user = writer if url == "preview-writer" else desk_editor
    client.force_login(user)
    made = []

    def grow(n):
        while len(made) < n:
            made.append(
                make_article(
                    status=Article.Status.DRAFT,
                    image=True,
                    authors=[writer.author],
                    tags=["قياس"],
                )
            )
        return made[0].get_preview_url() if url.startswith("preview") else url

    small = count_queries(client, grow(2))
    large = count_queries(client, grow(15))
    assert small == large
