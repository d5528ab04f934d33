"""Readers' comments on articles, and the word list that sends comments to spam."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from arabic import word_forms, words
from articles.models import Article

NAME_MAX_LENGTH = 100
BODY_MAX_LENGTH = 5000


def accepts_comments(article):
    """Whether readers may comment on an article now.

    Editors close an article by hand (`comments_open`); every article also closes
    by itself COMMENTS_CLOSE_AFTER_DAYS after publication (0 keeps it open).
    """
    if not article.comments_open or not article.is_published:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return days <= 0 or article.published_at > timezone.now() - timedelta(days=days)


def text_fingerprint(text):
    """The same for two texts that differ only in spacing, diacritics or letter forms."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self):
        """Comments no moderator has looked at yet, whether pending or caught by the word list."""
        return self.filter(
            status__in=[Comment.Status.PENDING, Comment.Status.SPAM], moderated_at__isnull=True
        )

    def for_article_page(self, article, own_ids=()):
        """In one query: an article's approved comments, and the reader's own unmoderated ones.

        Only what the page shows is loaded; the email address never leaves the database here.
        """
        shown = Q(status=Comment.Status.APPROVED)
        if own_ids:
            shown |= Q(
                pk__in=list(own_ids),
                status__in=[Comment.Status.PENDING, Comment.Status.SPAM],
                moderated_at__isnull=True,
            )
        return (
            self.filter(shown, article=article)
            .only("pk", "article_id", "parent_id", "name", "body", "status", "created_at")
            .order_by("created_at", "pk")
        )

    def moderate(self, status, moderator):
        """Give the comments a status, recording who decided and when.

        Saved one by one, not update(): post_save is how the page cache hears
        which articles' pages to purge (Comment.cache_tags()).
        """
        now = timezone.now()
        with transaction.atomic():
            comments = list(self)
            for comment in comments:
                comment.status, comment.moderated_by, comment.moderated_at = status, moderator, now
                comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        return len(comments)


class Comment(models.Model):
    """A reader's comment on an article. Public only once a moderator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email address"))
    body = models.TextField(_("comment"))
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    ip_hash = models.CharField(
        _("IP address fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A keyed hash of the IP address: the same for comments from the same address."),
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
        ]

    def __str__(self):
        # Shown in admin history and delete confirmations: never the email address,
        # and nothing that needs another query (an article's deletion lists them all).
        return f"{self.name}: {Truncator(self.body).chars(50)}"

    def save(self, *args, **kwargs):
        self.fingerprint = text_fingerprint(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def cache_tags(self):
        """The article's pages, once a moderator has decided (a new comment shows nowhere yet)."""
        if self.status != self.Status.APPROVED and self.moderated_at is None:
            return []
        return [f"article:{self.article_id}"]

    @property
    def awaits_moderation(self):
        return self.status != self.Status.APPROVED


class BlockedWordQuerySet(models.QuerySet):
    def found_in(self, *texts):
        """The blocked words and phrases that occur in any of texts, after normalization.

        A word also matches with a clitic in front of it (و، ف، ب، ك، ل، ال), so
        "والكازينو" is caught by "كازينو".
        """
        blocked = [entry.split() for entry in self.values_list("normalized", flat=True)]
        found = []
        for text in texts:
            tokens = words(text)
            for phrase in blocked:
                if phrase and _contains_phrase(tokens, phrase):
                    found.append(" ".join(phrase))
        return found


def _contains_phrase(tokens, phrase):
    first, rest = phrase[0], phrase[1:]
    for i, token in enumerate(tokens):
        if first in word_forms(token) and tokens[i + 1 : i + 1 + len(rest)] == rest:
            return True
    return False


class BlockedWord(models.Model):
    """A word or phrase that sends a comment to spam instead of the moderation queue."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        help_text=_(
            "Matched whatever the diacritics, tatweel, alef and yaa forms, and letter case."
        ),
    )
    normalized = models.CharField(max_length=200, unique=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = BlockedWordQuerySet.as_manager()

    class Meta:
        ordering = ["word"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.normalized = " ".join(words(self.word))
        super().save(*args, **kwargs)

    def clean(self):
        self.normalized = " ".join(words(self.word))
        if not self.normalized:
            raise ValidationError({"word": _("Enter at least one letter or digit.")})
        others = BlockedWord.objects.exclude(pk=self.pk).filter(normalized=self.normalized)
        if others.exists():
            raise ValidationError(
                {"word": _("This word is already on the list (perhaps spelled differently).")}
            )
