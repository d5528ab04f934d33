"""The newsdesk's tools: breaking news, live coverage and read counts."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.embeds import embed_for
from articles.models import Article
from images.models import Image

BREAKING_DEFAULT_DURATION = timedelta(hours=1)


class BreakingNewsQuerySet(models.QuerySet):
    def not_expired(self):
        return self.filter(expires_at__gt=timezone.now())


class BreakingNews(models.Model):
    """A red banner on every page, from its start until it expires by itself."""

    headline = models.CharField(_("headline"), max_length=200)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The banner links to this article; or give an address below."),
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Used when no article is chosen."))
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("shown until"),
        blank=True,
        help_text=_("The banner disappears by itself then. Empty: one hour after it starts."),
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.starts_at + BREAKING_DEFAULT_DURATION
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("The banner must end after it starts.")})
        if self.article_id and not Article.objects.published().filter(pk=self.article_id).exists():
            raise ValidationError(
                {"article": _("Readers cannot see this article yet: publish it first.")}
            )

    def link(self):
        return self.article.get_absolute_url() if self.article_id else self.url

    def is_current(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.expires_at

    is_current.boolean = True
    is_current.short_description = _("shown now")

    def cache_tags(self):
        # The banner is on every page.
        return ["site"]


class LiveCoverage(models.Model):
    """An article covered live: readers see its updates, newest first."""

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_coverage"
    )
    is_live = models.BooleanField(
        _("live now"),
        default=False,
        help_text=_("Tick to cover live; untick when the coverage ends."),
    )

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")

    def __str__(self):
        return str(self.article)

    def cache_tags(self):
        # Only the article's page shows it (the badge, the updates, its JSON-LD).
        return [f"article:{self.article_id}"]


class LiveUpdate(models.Model):
    """One short timestamped update of a live article."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_updates"
    )
    published_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    text = models.TextField(_("text"), max_length=2000)
    image = models.ForeignKey(
        Image,
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    embed_url = models.URLField(
        _("embedded post"), blank=True, help_text=_("The address of a post or video to show.")
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")

    def __str__(self):
        return self.text[:60]

    @property
    def embed(self):
        """The click-to-load embed of the post, as in an article body; None for other links."""
        return embed_for(self.embed_url) if self.embed_url else None

    def cache_tags(self):
        # A busy live day posts an update a minute: it purges its article, never the site.
        return [f"article:{self.article_id}"]


class ReadCount(models.Model):
    """How often an article was read in one hour; flushed from the shared cache."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="readcount_rows")
    hour = models.DateTimeField(db_index=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="one_count_per_article_hour")
        ]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"
