"""The newsroom's content: sections, authors and articles."""

import nh3
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .arabic import strip_diacritics

# What an article body may contain. Anything else (scripts, event handlers,
# inline styles, iframes, unknown schemes) is removed when the article is saved.
BODY_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "blockquote",
    "a", "strong", "b", "em", "i", "figure", "img", "figcaption",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
BODY_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_body(html):
    """Reduce editor-supplied HTML to the article allow-list."""
    return nh3.clean(
        html or "",
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=BODY_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def unique_slug(instance, text, max_length=200):
    """An Arabic-friendly slug from text, unique among the model's rows."""
    base = slugify(strip_diacritics(text), allow_unicode=True)[:max_length].strip("-")
    base = base or instance._meta.model_name
    slug, n = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


class Category(models.Model):
    """A section of the newspaper, such as politics or sport."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("display order"), default=0, help_text=_("Lower numbers come first in the navigation.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class Author(models.Model):
    """A byline. Authors need not have an account on the site."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, allow_unicode=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, 160)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What a list of article cards shows: the section, not the body."""
        return self.select_related("category").defer("body")


class Article(models.Model):
    """A news article, written in the admin and read on the site."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("The article's address. Generated from the title if left empty."),
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("A short summary shown under the title.")
    )
    body = models.TextField(_("body"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), related_name="articles")
    tags = TaggableManager(verbose_name=_("tags"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A time in the future schedules the article. Empty means now, on publishing."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    lead_image = models.ImageField(
        _("lead image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        # Stored so pages can give width/height without opening the file.
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describes the image for readers who cannot see it."),
    )
    lead_image_credit = models.CharField(_("lead image credit"), max_length=150, blank=True)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles lead the home page.")
    )
    comments_open = models.BooleanField(_("comments open"), default=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_published_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def was_updated(self):
        """True when the article changed noticeably after it was published."""
        if not self.published_at:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 600


# --- Search (issue #4) -------------------------------------------------------
# The query side lives in articles/search.py; documents are rebuilt there on save.


class SearchDocument(models.Model):
    """An article's words as search sees them: normalized, stemmed, stopwords left out.

    Built from the article every time it is saved. PostgreSQL adds generated
    tsvector columns and GIN indexes to this table; SQLite keeps an FTS5 table
    in step with it through triggers (both in the migrations).
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self):
        return str(self.article_id)


class SearchTerm(models.Model):
    """A stem that occurs in some article: where near-miss spellings are looked up."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return self.term
