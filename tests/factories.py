"""The one content builder for tests, benchmarks and the demo: sections, authors,
library images and articles with sensible Arabic defaults.

Sections and authors are keyed on their slugs (made again, they are updated in
place), so the demo can load itself any number of times.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles.body import sanitize_body, sanitize_reader_html
from articles.models import Article, Author, Category
from images.models import Image


def jpeg_bytes(width=64, height=36, colour=(160, 30, 40)):
    """A small, plain JPEG."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def library_image(alt_text="صورة توضيحية", caption="", credit="", data=None, name="photo.jpg"):
    """An image uploaded to the library (cleaned and cut into renditions on save)."""
    image = Image(alt_text=alt_text, caption=caption, credit=credit)
    image.file = ContentFile(data or jpeg_bytes(), name=name)
    image.save()
    return image


def section(name, slug=None, *, position=0, description=""):
    """A section, made or updated by its slug."""
    made, _ = Category.objects.update_or_create(
        slug=slug or name.replace(" ", "-"),
        defaults={"name": name, "position": position, "description": description},
    )
    return made


def author(name, slug=None, *, bio="", user=None):
    """A byline, made or updated by its slug."""
    made, _ = Author.objects.update_or_create(
        slug=slug or name.replace(" ", "-"), defaults={"name": name, "bio": bio, "user": user}
    )
    return made


def unsaved_article(title, category, *, body="<p>نص الخبر.</p>", **fields):
    """An article not saved yet, its body already as readers get it (no figures).

    Benchmarks bulk-create these; `article()` saves one.
    """
    fields.setdefault("standfirst", "ملخص قصير للخبر.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    made = Article(title=title, category=category, body=sanitize_body(body), **fields)
    made.body_html = sanitize_reader_html(made.body)
    return made


def article(title, category, *, authors=(), tags=(), **fields):
    """A saved article (through save(): slug, body, search index) with its bylines and tags."""
    made = unsaved_article(title, category, **fields)
    made.save()
    if authors:
        made.authors.set(authors)
    if tags:
        made.tags.set(list(tags))
    return made
