"""The review workflow: draft → ready for review → published or scheduled.

Writers write drafts and send them for review, and go no further; editors
publish, schedule, or send an article back to its writer as a draft with a
note. The rules hold on the server, for every save, whatever the browser sent.
"""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article

# What a writer may set the status to; editors may set any.
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)
# "Published recently", on the dashboard and in the article list's filter.
RECENT = timedelta(hours=24)


def recent_since():
    return timezone.now() - RECENT


def statuses_for(user):
    """The status choices this user has on the article form."""
    if Article.may_publish(user):
        return Article.Status.choices
    return [(value, label) for value, label in Article.Status.choices if value in WRITER_STATUSES]


def refusal(user, status):
    """The error for a status this user may not set, or None."""
    if Article.may_publish(user) or status in WRITER_STATUSES:
        return None
    return forms.ValidationError(
        _(
            "Only editors can publish or schedule an article. Save it as a draft, "
            "or send it for review."
        ),
        code="publish_denied",
    )


def note_transition(article, old_status):
    """Remember when an editor sends an article back from review to its writer.

    The writer's dashboard lists these drafts with the editor's note until
    the writer sends the article for review again; publishing clears the note.
    """
    if old_status == Article.Status.REVIEW and article.status == Article.Status.DRAFT:
        article.returned_at = timezone.now()
    elif article.status != Article.Status.DRAFT:
        article.returned_at = None
    if article.status == Article.Status.PUBLISHED:
        # Settled: the note was for the draft (the history keeps it).
        article.review_note = ""


def stored_status(article):
    """The status as saved (None for a new article): what a save moves it from."""
    if article.pk is None:
        return None
    return Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
