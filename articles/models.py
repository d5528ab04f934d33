"""The newsroom's content: sections, authors and articles."""

import posixpath
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from . import images
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


@dataclass(frozen=True)
class Rendition:
    """One stored size of a library image."""

    url: str
    width: int
    height: int


class Image(models.Model):
    """A photograph in the library, used as a lead image or a figure in a body.

    Uploads are checked and cleaned when saved (see articles.images): the stored
    file carries no metadata, and renditions for `srcset` are made once, here.
    """

    file = models.ImageField(_("image file"), upload_to="images/%Y/%m/")
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. "
            "Required before an article with this lead image is published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, blank=True, help_text=_("The photographer or agency.")
    )
    # [{"width", "height", "webp": name, "jpeg": name}, ...], narrowest first.
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt_text or self.caption or posixpath.basename(self.file.name)

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.develop()
        super().save(*args, **kwargs)

    def develop(self):
        """Check the new upload, store it clean, and cut its renditions."""
        upload = self.file
        upload.open("rb")
        developed = images.develop(upload.read())
        stem = slugify(posixpath.splitext(posixpath.basename(upload.name))[0], allow_unicode=True)
        name = f"{stem[:60] or 'image'}.{developed.extension}"
        self.file.save(name, ContentFile(developed.master), save=False)
        self.width, self.height = developed.size
        try:
            self.renditions = images.store_renditions(
                self.file.storage, self.file.name, developed.picture
            )
        except Exception:
            self.file.storage.delete(self.file.name)
            raise

    @property
    def url(self):
        return self.file.url

    def sized(self, max_width=None):
        """The renditions no wider than max_width (at least the narrowest one)."""
        entries = self.renditions or []
        fitting = [e for e in entries if max_width is None or e["width"] <= max_width]
        return fitting or entries[:1]

    def srcset(self, kind, max_width=None):
        storage = self.file.storage
        return ", ".join(f"{storage.url(e[kind])} {e['width']}w" for e in self.sized(max_width))

    def rendition(self, min_width):
        """The narrowest JPEG rendition at least min_width wide (or the widest there is)."""
        entries = self.renditions or []
        if not entries:
            return Rendition(self.url, self.width, self.height)
        entry = next((e for e in entries if e["width"] >= min_width), entries[-1])
        return Rendition(self.file.storage.url(entry["jpeg"]), entry["width"], entry["height"])

    @property
    def for_sharing(self):
        """A JPEG about 1200 pixels wide, for share cards and feeds."""
        return self.rendition(1200)


class ArticleQuerySet(models.QuerySet):
    def on_desk_of(self, user):
        """The articles a staff member may open in the admin or preview.

        Editors (who hold the publish permission) see every article; writers
        see the articles that carry their byline (Author.user).
        """
        if not (user.is_active and user.is_staff):
            return self.none()
        if Article.may_publish(user):
            return self
        return self.filter(authors__user=user)

    def published(self):
        """What readers may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published for a time still to come: readers see them when it comes."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def for_listing(self):
        """What a list of article cards shows: the section and lead image, not the body."""
        return self.select_related("category", "lead_image").defer("body")


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
    # Set by the desk only when the text of an article already public changes,
    # so readers see «آخر تحديث» for corrections, not for a changed tag.
    revised_at = models.DateTimeField(_("last revised"), null=True, blank=True, editable=False)
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Chosen from the image library; its alt text, caption and credit go with it."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles lead the home page.")
    )
    comments_open = models.BooleanField(_("comments open"), default=True)

    objects = ArticleQuerySet.as_manager()
    # Every saved version, for "what changed" and restoring in the admin.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_published_idx")]
        permissions = [("publish_article", _("Can publish and schedule articles"))]

    PUBLISH_PERMISSION = "articles.publish_article"

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

    def get_preview_url(self):
        """Where staff see the article as readers will, before readers can."""
        return reverse("articles:preview", kwargs={"pk": self.pk})

    @staticmethod
    def may_publish(user):
        """Editors publish and schedule; writers only write drafts."""
        return user.has_perm(Article.PUBLISH_PERMISSION)

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

    # What readers read: a change to these after publication is a correction.
    TEXT_FIELDS = ("title", "standfirst", "body")

    def note_revision(self, public_text):
        """Stamp the correction time if the text differs from what readers saw.

        `public_text` holds the TEXT_FIELDS as stored while the article was
        public, or None when readers could not see it (nothing to correct).
        """
        if public_text is None:
            return
        self.body = sanitize_body(self.body)
        if any(getattr(self, field) != public_text[field] for field in self.TEXT_FIELDS):
            self.revised_at = timezone.now()

    def public_text(self):
        """The text readers can see now, as stored (None if they cannot see it)."""
        if self.pk is None:
            return None
        return Article.objects.published().filter(pk=self.pk).values(*self.TEXT_FIELDS).first()

    @property
    def was_updated(self):
        """True when the text was corrected after readers could see the article."""
        return bool(self.revised_at and self.published_at and self.revised_at > self.published_at)
