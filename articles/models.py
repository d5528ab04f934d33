"""The newsroom's content: sections, authors and articles."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag

from arabic import strip_diacritics
from images import processing
from images.models import Image

from .body import figures_in, html_text, reader_html, sanitize_body, with_library_images

# The home page ranks the newest articles of each section among this many.
HOME_SECTION_CANDIDATES = 400


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

    # What every page shows of a section: its entry in the navigation.
    SHOWN_EVERYWHERE = ("name", "slug", "position")

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
        self.remember_as_stored()

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        section = super().from_db(db, field_names, values)
        section.remember_as_stored()
        return section

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.remember_as_stored()

    def remember_as_stored(self):
        # Read from __dict__: a deferred field is not fetched, and counts as changed.
        self._stored_navigation = [self.__dict__.get(name) for name in self.SHOWN_EVERYWHERE]

    @classmethod
    def next_position(cls):
        """Where a new section goes in the navigation: after the others, not before them."""
        last = cls.objects.aggregate(last=models.Max("position"))["last"]
        return 0 if last is None else last + 1

    def cache_tags(self):
        """The section's page and feed (its description shows there); every page when
        the navigation changes: a new section, another name, address or place."""
        tags = [f"section:{self.pk}", "feeds"]
        stored = getattr(self, "_stored_navigation", None)
        if stored != [getattr(self, name) for name in self.SHOWN_EVERYWHERE]:
            tags.append("site")
        return tags

    def deleted_cache_tags(self):
        """A deleted section leaves every page's navigation."""
        return [f"section:{self.pk}", "feeds", "site"]


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
        if self.photo and not self.photo._committed:
            # Headshots too are stored without metadata (a home's GPS position…).
            processing.store_developed(self.photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def cache_tags(self):
        """The author's page and the pages that carry the byline."""
        return [f"author:{self.pk}"]


def visible_to_readers():
    """The rule of what readers may see, as a filter on `status` and `published_at`:
    published, and not scheduled for later.

    `Article.objects.published()` applies it to articles; search applies it to
    the copies of those two fields its documents keep (search.models), so it
    can leave out what readers may not see without visiting the articles.
    """
    return Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


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
        return self.filter(visible_to_readers())

    def scheduled(self):
        """Published for a time still to come: readers see them when it comes."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def waiting_for_review(self):
        """Sent by their writers, waiting for an editor to publish them or send them back."""
        return self.filter(status=Article.Status.REVIEW)

    def returned(self):
        """Drafts an editor sent back from review, until their writer sends them again."""
        return self.drafts().filter(returned_at__isnull=False)

    def carrying_tag(self, slug):
        """The tag with this slug if one of these articles carries it, else None.

        Two indexed lookups, rather than listing every tag of every article.
        """
        tag = Tag.objects.filter(slug=slug).first()
        return tag if tag is not None and self.filter(tags=tag).exists() else None

    def lead_story(self):
        """The newest featured article, else the newest article."""
        return self.filter(is_featured=True).first() or self.first()

    def newest_by_section(self, per_section, among=HOME_SECTION_CANDIDATES):
        """The newest few articles of each section, in one query.

        Only the newest `among` articles compete, so the cost stays the same
        whether the archive holds a thousand articles or a million; a section
        silent for that long simply has nothing new to show.
        """
        recent = self.order_by("-published_at", "-pk").values("pk")[:among]
        return (
            self.filter(pk__in=recent)
            .annotate(
                section_rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(section_rank__lte=per_section)
        )

    def for_article_page(self):
        """Everything the article page shows of the article itself, in four queries."""
        return self.select_related("category", "lead_image").prefetch_related(
            "authors", "tags", "corrections"
        )

    def for_listing(self):
        """What a list of article cards shows: the section and lead image, not the body."""
        return self.select_related("category", "lead_image").defer("body", "body_html")

    def next_publication_time(self):
        """When the next scheduled article goes out, or None (no cached page may outlive it)."""
        return (
            self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        )


class Article(models.Model):
    """A news article, written in the admin and read on the site."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Ready for review")
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
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Photos: drop or paste them here, or use the library button of the toolbar; "
            "type each caption under its photo. A YouTube, X, Facebook or Instagram link "
            "alone on its line is shown to readers as an embed."
        ),
    )
    # The body as readers get it: sanitized, figures from the library in place.
    # Rebuilt on every save; templates, feeds and search read this one.
    body_html = models.TextField(_("body as published"), blank=True, editable=False)
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
    # The review workflow (articles/workflow.py).
    review_note = models.TextField(
        _("note from the editor"),
        blank=True,
        help_text=_(
            "Why the article came back to its writer, and what to change. The writer sees "
            "it on the form and on the dashboard."
        ),
    )
    returned_at = models.DateTimeField(
        _("came back from review"), null=True, blank=True, editable=False
    )
    # Raised by every save: a form opened at an older version may not save
    # over a newer one (articles/edit_lock.py).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Every saved version, for "what changed" and restoring in the admin.
    history = HistoricalRecords(excluded_fields=["updated_at", "body_html", "version"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            # The home page's lead story: the newest featured article, found without a sort.
            models.Index(
                fields=["-published_at"],
                name="article_featured_idx",
                condition=Q(is_featured=True),
            ),
        ]
        permissions = [("publish_article", _("Can publish and schedule articles"))]

    PUBLISH_PERMISSION = "articles.publish_article"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body, self.body_html = self.render_body()
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # Whole seconds, as the form shows it: a re-save changes nothing.
            self.published_at = timezone.now().replace(microsecond=0)
        # A save that makes no new version in the history (the reader's HTML
        # made again) leaves the version too: nobody's open form is out of date.
        if not self._state.adding and not getattr(self, "skip_history_when_saving", False):
            self.version += 1
        super().save(*args, **kwargs)
        self.remember_as_stored()
        self.index_figures()

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article.remember_as_stored()
        return article

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.remember_as_stored()

    def remember_as_stored(self):
        # Published as stored, scheduled included (lists show it when its time
        # comes; a moved time must reach them). A deferred status counts as published.
        self._was_listed = self.__dict__.get("status", self.Status.PUBLISHED) == (
            self.Status.PUBLISHED
        )

    def cache_tags(self):
        """Every cached page that may show this article, purged when it is saved or deleted.

        An article neither published when it was read nor now (a draft, one in
        review) is on no list: its own address at most.
        """
        tags = {f"article:{self.pk}"}
        if not (getattr(self, "_was_listed", False) or self.status == self.Status.PUBLISHED):
            return tags
        tags |= {"home", f"section:{self.category_id}", "feeds", "sitemaps", "search"}
        if self.pk is not None:
            tags |= {f"tag:{pk}" for pk in self.tags.values_list("pk", flat=True)}
            tags |= {f"author:{pk}" for pk in self.authors.values_list("pk", flat=True)}
        return tags

    def render_body(self):
        """(body, body_html): the body as stored, each photo's preview from the library,
        and the reader's HTML, each photo a <picture>. One query for the photos."""
        body = sanitize_body(self.body)
        ids = {figure.image_id for figure in figures_in(body)}
        images = Image.objects.in_bulk(ids) if ids else {}
        body = with_library_images(body, images)
        return body, reader_html(body, images)

    def index_figures(self):
        """Keep ArticleFigure in step with the body: the images it shows, in order."""
        wanted = [figure.image_id for figure in figures_in(self.body)]
        if list(self.figures.values_list("image_id", flat=True)) == wanted:
            return
        self.figures.all().delete()
        ArticleFigure.objects.bulk_create(
            ArticleFigure(article=self, position=n, image_id=image_id)
            for n, image_id in enumerate(wanted, 1)
        )

    def missing_descriptions(self):
        """What readers would miss: alt texts and captions not written.

        The desk shows these as warnings before publishing; only a lead image
        without alt text stops publication (ArticleForm).
        """
        problems = []
        if self.lead_image and not self.lead_image.alt_text:
            problems.append(_("The lead image has no alt text."))
        if self.lead_image and not self.lead_image.caption:
            problems.append(_("The lead image has no caption."))
        figures = figures_in(self.body)
        images = Image.objects.in_bulk({figure.image_id for figure in figures}) if figures else {}
        for n, figure in enumerate(figures, 1):
            image = images.get(figure.image_id)
            if image is not None and not image.alt_text:
                problems.append(_("Photo %(n)d in the body has no alt text.") % {"n": n})
            if not html_text(figure.caption).strip():
                problems.append(_("Photo %(n)d in the body has no caption.") % {"n": n})
        return problems

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
        # Bodies compared without their photos' previews, which follow the library.
        public_text = {**public_text, "body": sanitize_body(public_text["body"])}
        if any(getattr(self, field) != public_text[field] for field in self.TEXT_FIELDS):
            self.revised_at = timezone.now()

    def public_text(self):
        """The text readers can see now, as stored (None if they cannot see it)."""
        if self.pk is None:
            return None
        return Article.objects.published().filter(pk=self.pk).values(*self.TEXT_FIELDS).first()

    @property
    def last_modified(self):
        """When the published article last changed: its last edit, or its publication if later."""
        return max((t for t in (self.updated_at, self.published_at) if t), default=None)

    @property
    def was_updated(self):
        """True when the text was corrected after readers could see the article."""
        return bool(self.revised_at and self.published_at and self.revised_at > self.published_at)


class ArticleFigure(models.Model):
    """A library image shown in an article's body, in the body's order.

    Kept in step with the body by Article.save(): the body says where each
    photo goes and what its caption is; this index lets the library find the
    articles that show an image, and refuses to delete an image still shown.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="figures"
    )
    position = models.PositiveSmallIntegerField(_("order in the body"))
    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("photo in a body")
        verbose_name_plural = _("photos in bodies")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="one_figure_per_number")
        ]

    def __str__(self):
        return f"{self.article_id}/{self.position}"


@receiver(post_save, sender=Image)
def show_new_image_descriptions(sender, instance, created, raw=False, **kwargs):
    """New alt text or a caption of a library image reaches the bodies that show it.

    No new version in the history: the article's own fields did not change.
    """
    if created or raw:
        return
    for article in Article.objects.filter(figures__image=instance).distinct():
        article.skip_history_when_saving = True
        article.save()


class Correction(models.Model):
    """A correction note on a published article: readers see it at the end («تصحيح: …»).

    Added by editors (articles/corrections.py); it moves the article's update
    time, which the JSON-LD and the feeds carry.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(
        _("correction"),
        help_text=_(
            "What was wrong and what is right. Readers see it at the end of the article as "
            "«تصحيح: …», with its time."
        ),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            # The article changed for readers when its correction came out: its
            # update time says so (the page, the JSON-LD, the feeds, the sitemaps).
            self.article.revised_at = self.created_at
            Article.objects.filter(pk=self.article_id).update(
                revised_at=self.created_at, updated_at=self.created_at
            )

    def cache_tags(self):
        """A correction shows on its article's page and moves its update time (feeds, sitemaps)."""
        return self.article.cache_tags()


class EditingSession(models.Model):
    """Someone has an article's form open: since when, and when their page last said so."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_session_per_editor")
        ]

    def __str__(self):
        return f"{self.user} → {self.article_id}"


def next_publication_time():
    """For PAGECACHE_NEXT_CHANGE: the time the next scheduled article appears."""
    return Article.objects.next_publication_time()
