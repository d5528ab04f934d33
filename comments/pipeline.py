"""What happens to a comment when it arrives, in order.

Refusals: the reader gets their text back with a clear message, nothing is saved.

1. Length limits: name and text are required, at most 100 and 5,000
   characters (CommentForm). The "comments closed" check runs before the
   form, so nobody is asked to fix a comment that could not be sent anyway.
2. Comments closed: closed by an editor, or COMMENTS_CLOSE_AFTER_DAYS old.
3. Duplicate: the same words (whatever the spacing and diacritics) from the
   same commenter (email key) or the same browser, on the same article, while
   the first copy is waiting or published. Two readers may write the same
   words. A unique constraint (article, commenter, text) holds it under
   concurrent posts; the check before it only gives the nicer message.
   Then flood limits (flood.py): per address and per normalized email.

Decisions: the comment is saved with a status, and reasons for a second look.

4. Blocked words (BlockedWord, action "spam"): status spam.
5. Suspect words (BlockedWord, action "review"): pending, flagged "needs a
   second look", the words recorded so the queue can highlight them.
6. Links: more than COMMENTS_MAX_LINKS links: flagged.
7. Commenter history: an earlier comment of this commenter was marked spam: flagged.
8. Toxicity (toxicity.py): a score at or above COMMENTS_TOXICITY_THRESHOLD: flagged.
9. Trust ramp: with COMMENTS_TRUSTED_AFTER = N > 0, a commenter with at least
   N approved comments and none marked spam is approved at once, unless the
   comment was flagged above.
10. Otherwise pending: every comment waits for a moderator by default.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BlockedWord, Comment
from .toxicity import toxicity_of

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

WAITING = _(
    "You have already sent this comment on this article. "
    "It is waiting for a moderator; there is no need to send it again."
)
PUBLISHED = _("You have already posted this comment on this article, and it is published.")


class Refused(Exception):
    """A comment that is not saved, with the HTTP status and the message for the reader."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Review:
    """What the pipeline decided for a comment: its status, and why it needs a second look."""

    status: str = Comment.Status.PENDING
    reasons: list = field(default_factory=list)
    suspect_words: list = field(default_factory=list)
    toxicity: float | None = None


def check_duplicate(comment, own_ids=()):
    """Step 3: refuse the same words from the same commenter or browser on the same article."""
    comment.derive_keys()
    same_writer = Q(pk__in=list(own_ids))
    if comment.commenter_key:
        same_writer |= Q(commenter_key=comment.commenter_key)
    earlier = (
        Comment.objects.filter(article_id=comment.article_id, fingerprint=comment.fingerprint)
        .exclude(status=Comment.Status.REMOVED)
        .filter(same_writer)
        .only("status")
        .first()
    )
    if earlier is not None:
        raise Refused(409, PUBLISHED if earlier.status == Comment.Status.APPROVED else WAITING)


def review(comment):
    """Steps 4 to 10: the status a new comment gets, and any reasons for a second look."""
    result = Review()
    texts = (comment.name, comment.body)
    if BlockedWord.objects.filter(action=BlockedWord.Action.SPAM).found_in(*texts):
        result.status = Comment.Status.SPAM
        return result
    suspects = BlockedWord.objects.filter(action=BlockedWord.Action.REVIEW).found_in(*texts)
    result.suspect_words = sorted(set(suspects))
    if result.suspect_words:
        result.reasons.append(Comment.Reason.SUSPECT_WORDS)
    if len(LINK.findall(comment.body)) > settings.COMMENTS_MAX_LINKS:
        result.reasons.append(Comment.Reason.LINKS)
    history = _history(comment.commenter_key)
    if history["spam"]:
        result.reasons.append(Comment.Reason.HISTORY)
    result.toxicity = toxicity_of(comment.body, comment.article)
    if result.toxicity is not None and result.toxicity >= settings.COMMENTS_TOXICITY_THRESHOLD:
        result.reasons.append(Comment.Reason.TOXICITY)
    trusted_after = settings.COMMENTS_TRUSTED_AFTER
    if trusted_after > 0 and not result.reasons and not history["spam"]:
        if history["approved"] >= trusted_after:
            result.status = Comment.Status.APPROVED
    return result


def _history(key):
    """How many of a commenter's earlier comments were approved, and how many marked spam."""
    if not key:
        return {"approved": 0, "spam": 0}
    return Comment.objects.filter(commenter_key=key).aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
    )


def receive(comment, own_ids=()):
    """Steps 4 to 10 for a comment that passed the refusals, and save it.

    Raises Refused when the same comment was stored by a concurrent request
    after check_duplicate() let this one through: the constraint decides.
    """
    decided = review(comment)
    comment.status = decided.status
    comment.review_reasons = decided.reasons
    comment.suspect_words = decided.suspect_words
    comment.toxicity = decided.toxicity
    if decided.status == Comment.Status.APPROVED:
        comment.moderated_at = timezone.now()  # approved by the trust ramp, by nobody
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # Another request stored the same comment between the check and the insert.
        check_duplicate(comment, own_ids)
        raise
    return comment
