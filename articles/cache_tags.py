"""What a reader page shows, named for the page cache (see docs/architecture.md, "Page cache").

A view calls `show(request, *tags)`; the page cache (pagecache/) keeps the page
under those tags and purges it when an instance whose cache_tags() names one
of them is saved or deleted. Plain strings on the request: no app imports
the page cache.
"""


def show(request, *tags):
    """Add tags to what this page shows; a page with no call is never cached."""
    request.cache_tags = [*getattr(request, "cache_tags", []), *tags]


def image_tags(articles):
    """The lead images on article cards."""
    return [f"image:{a.lead_image_id}" for a in articles if getattr(a, "lead_image_id", None)]


def article_page_tags(article):
    """The article page: its text, section (related stories), authors, tags and lead image."""
    return [
        f"article:{article.pk}",
        f"section:{article.category_id}",
        *(f"author:{author.pk}" for author in article.authors.all()),
        *(f"tag:{tag.pk}" for tag in article.tags.all()),
        *image_tags([article]),
    ]
