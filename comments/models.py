"""Readers' comments on articles, and the word list that sends comments to spam or a second look."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arabic import word_forms, words
from arabic.normalize import WRITTEN_WORD
from articles.models import Article

from .commenters import commenter_key

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
    """The same for two texts that differ only in spacing, diacritics or letter forms.

    A text without letters or digits («👍», «؟!») is taken as written, so that
    two different ones are not duplicates of each other.
    """
    return hashlib.sha256((" ".join(words(text)) or text.strip()).encode()).hexdigest()


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

    def of_commenter(self, email):
        """Every comment of a mailbox, whatever the spelling of its address."""
        return self.filter(Q(commenter_key=commenter_key(email)) | Q(email__iexact=email.strip()))

    def purge_ip_addresses(self):
        """Clear the IP addresses older than COMMENTS_KEEP_IP_DAYS (all of them at 0).

        The keyed hash, set when the comment arrived, stays: it still groups a
        reader's comments.
        """
        stored = self.filter(ip_address__isnull=False)
        days = settings.COMMENTS_KEEP_IP_DAYS
        if days > 0:
            stored = stored.filter(created_at__lt=timezone.now() - timedelta(days=days))
        return stored.update(ip_address=None)

    def forget(self, email):
        """Remove a commenter's comments: (how many deleted, how many anonymized).

        A comment other readers replied to is anonymized rather than deleted,
        so their replies keep the thread they belong to.
        """
        with transaction.atomic():
            theirs = set(self.of_commenter(email).values_list("pk", flat=True))
            answered = set(
                Comment.objects.filter(parent_id__in=theirs)
                .exclude(pk__in=theirs)
                .values_list("parent_id", flat=True)
            )
            for comment in Comment.objects.filter(pk__in=answered):
                comment.anonymize()
            deleted = theirs - answered
            Comment.objects.filter(pk__in=deleted).delete()
        return len(deleted), len(answered)


class Comment(models.Model):
    """A reader's comment on an article. Public only once a moderator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class Reason(models.TextChoices):
        """Why the pipeline flagged a comment for a second look (comments/pipeline.py)."""

        SUSPECT_WORDS = "suspect_words", _("Suspect words")
        LINKS = "links", _("Many links")
        HISTORY = "history", _("Earlier comments marked as spam")
        TOXICITY = "toxicity", _("High toxicity score")

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
    commenter_key = models.CharField(
        _("commenter"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("A keyed hash of the email address, the same for every spelling of it."),
    )
    needs_review = models.BooleanField(_("needs a second look"), default=False, db_index=True)
    review_reasons = models.JSONField(_("reasons for a second look"), default=list, blank=True)
    suspect_words = models.JSONField(_("suspect words found"), default=list, blank=True)
    toxicity = models.FloatField(_("toxicity score"), null=True, blank=True)
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
        constraints = [
            # The duplicate rule (pipeline step 3), held by the database so that
            # concurrent posts cannot both get through. Removed comments and
            # forgotten commenters (no key) are out of it.
            models.UniqueConstraint(
                fields=["article", "commenter_key", "fingerprint"],
                condition=~Q(status="removed") & ~Q(commenter_key=""),
                name="comment_once_per_commenter",
            ),
        ]

    def __str__(self):
        # Shown in admin history and delete confirmations: never the email address,
        # and nothing that needs another query (an article's deletion lists them all).
        return f"{self.name}: {Truncator(self.body).chars(50)}"

    def save(self, *args, **kwargs):
        self.derive_keys()
        self.needs_review = bool(self.review_reasons)
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

    def derive_keys(self):
        """The text's fingerprint and the commenter's key, from the text and the address."""
        self.fingerprint = text_fingerprint(self.body)
        self.commenter_key = commenter_key(self.email)

    def decide(self, status, moderator):
        """A moderator's decision on this comment; False if its twin forbids it (see _moderate)."""
        return self._moderate(status, moderator and moderator.pk, timezone.now())

    def restore(self, status, moderator_id, moderated_at):
        """Put back the status and moderation a decision replaced (the queue's undo)."""
        at = parse_datetime(moderated_at) if moderated_at else None
        return self._moderate(status, moderator_id, at)

    def _moderate(self, status, moderator_id, moderated_at):
        # A removed comment may have a twin the commenter sent again since;
        # bringing it back would make two (the duplicate constraint): refused.
        before = (self.status, self.moderated_by_id, self.moderated_at)
        self.status, self.moderated_by_id, self.moderated_at = status, moderator_id, moderated_at
        try:
            with transaction.atomic():
                self.save(update_fields=["status", "moderated_by", "moderated_at"])
        except IntegrityError:
            self.status, self.moderated_by_id, self.moderated_at = before
            return False
        return True

    def anonymize(self):
        """Keep the comment's place in its thread, and nothing of who wrote it or what."""
        self.name = gettext("A reader")
        self.body = gettext("[This comment was removed at its author's request.]")
        self.email = self.commenter_key = self.ip_hash = self.user_agent = ""
        self.ip_address = None
        self.suspect_words = []
        self.save()

    def marked_body(self):
        """The text, escaped, with the suspect words found in it in <mark>."""
        return mark_suspect_words(self.body, self.suspect_words)

    def review_labels(self):
        """Why this comment needs a second look, in the moderator's words."""
        details = {
            self.Reason.SUSPECT_WORDS: "، ".join(self.suspect_words),
            self.Reason.TOXICITY: f"{self.toxicity:.2f}" if self.toxicity is not None else "",
        }
        labels = []
        for code in self.review_reasons:
            label = str(self.Reason(code).label) if code in self.Reason.values else code
            detail = details.get(code)
            labels.append(f"{label}: {detail}" if detail else label)
        return labels


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


def _phrase_at(tokens, i, phrase):
    """Whether the normalized words from position i on are the phrase (clitics allowed in front)."""
    return phrase[0] in word_forms(tokens[i]) and tokens[i + 1 : i + len(phrase)] == phrase[1:]


def _contains_phrase(tokens, phrase):
    return any(_phrase_at(tokens, i, phrase) for i in range(len(tokens)))


def mark_suspect_words(text, phrases):
    """Escaped text with the words of the (normalized) phrases in <mark>, as they are written."""
    spans = list(WRITTEN_WORD.finditer(text))
    tokens = ["".join(words(span.group())) for span in spans]
    marked = set()
    for phrase in (entry.split() for entry in phrases):
        for i in range(len(tokens)):
            if phrase and _phrase_at(tokens, i, phrase):
                marked.update(range(i, i + len(phrase)))
    out, last = [], 0
    for i in sorted(marked):
        span = spans[i]
        out += [escape(text[last : span.start()]), "<mark>", escape(span.group()), "</mark>"]
        last = span.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


class BlockedWord(models.Model):
    """A word or phrase that sends a comment to spam, or holds it for a second look."""

    class Action(models.TextChoices):
        SPAM = "spam", _("Send to spam")
        REVIEW = "review", _("Hold for a second look")

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        help_text=_(
            "Matched whatever the diacritics, tatweel, alef and yaa forms, and letter case."
        ),
    )
    normalized = models.CharField(max_length=200, unique=True, editable=False)
    action = models.CharField(
        _("what happens"),
        max_length=10,
        choices=Action.choices,
        default=Action.SPAM,
        help_text=_(
            "Spam: the comment goes to spam. Second look: it waits in the queue, flagged, "
            "with the word highlighted."
        ),
    )
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
