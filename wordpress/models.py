"""What the WordPress import remembers: each imported object, and each old address."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, Author, Category
from images.models import Image

# The query parameters of WordPress's "plain" addresses: /?p=12, /?cat=4…
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
# Endings WordPress adds to any address: pages of comments or of a list, AMP, embeds.
ENDPOINTS = re.compile(r"(?:/(?:amp|embed|trackback|comment-page-\d+|page/\d+))+$")
FEED = re.compile(r"/feed(?:/(?:rss2?|atom|rdf))?$")


def address_key(path, query=None):
    """One spelling for every way an old address can be written.

    `path` is decoded (Django decodes percent-encoding before a view sees it);
    the trailing slash, letter case and WordPress's endpoints do not matter.
    Returns (key, is_feed).
    """
    path = "/" + path.strip("/").lower()
    is_feed = bool(FEED.search(path))
    path = FEED.sub("", path)
    path = ENDPOINTS.sub("", path) or "/"
    for name in QUERY_KEYS:
        value = (query or {}).get(name)
        if value:
            return f"{path.rstrip('/')}/?{name}={value.strip().lower()}", is_feed
    return path, is_feed


class ImportedObject(models.Model):
    """A WordPress object already imported: what it became, and a digest of its data.

    A re-import finds the object again by its site and WordPress id (the GUID is
    kept for reference) and skips it when the digest is unchanged.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        SECTION = "section", _("section")
        TAG = "tag", _("tag")
        IMAGE = "image", _("image")
        ARTICLE = "article", _("article")
        COMMENT = "comment", _("comment")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=200)
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    object_id = models.PositiveBigIntegerField(_("imported as"))
    digest = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="one_import_per_object")
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id}"


class OldAddressQuerySet(models.QuerySet):
    def with_targets(self):
        return self.select_related("article", "section", "tag", "author", "image")


class OldAddress(models.Model):
    """An address of the old WordPress site, answered with a 301 to the page that replaced it.

    Stored at import time under its address_key(), so finding one is a single
    indexed query, made only when nothing else answered (a 404). An address
    with no target is the old site's front page (and its /feed/).
    """

    path = models.CharField(_("old address"), max_length=700, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, related_name="+")
    section = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, related_name="+")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, null=True, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, null=True, related_name="+")
    image = models.ForeignKey(Image, on_delete=models.CASCADE, null=True, related_name="+")

    objects = OldAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("old WordPress address")
        verbose_name_plural = _("old WordPress addresses")

    def __str__(self):
        return self.path

    def new_address(self, feed=False):
        """Where the old address now lives (its feed's, for a /feed/ address)."""
        if self.image_id:
            return self.image.url
        if self.article_id:
            if feed:
                return reverse("comments:feed-rss", kwargs={"slug": self.article.slug})
            return self.article.get_absolute_url()
        for target, name in (
            (self.section, "category"),
            (self.tag, "tag"),
            (self.author, "author"),
        ):
            if target is not None:
                view = f"distribution:{name}-rss" if feed else f"articles:{name}"
                return reverse(view, kwargs={"slug": target.slug})
        return reverse("distribution:feed-rss") if feed else reverse("articles:home")
