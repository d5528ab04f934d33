"""Telling moderators that a comment is waiting (COMMENTS_NOTIFY_EMAILS)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def notify_moderators(comment, request):
    """Email the moderation addresses about a new pending comment, if any are configured.

    A mail server that is down must not lose the reader's comment, which is
    already saved: the failure is logged, not raised.
    """
    recipients = settings.COMMENTS_NOTIFY_EMAILS
    if not recipients:
        return
    path = reverse("admin:comments_comment_change", args=[comment.pk])
    link = f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)
    subject = gettext("New comment awaiting moderation: %(title)s") % {
        "title": Truncator(comment.article.title).chars(80)
    }
    # The reader's email address stays out of the message: moderators see it in the admin.
    body = gettext(
        "%(name)s commented on «%(title)s»:\n\n%(excerpt)s\n\n"
        "Approve or reject it here:\n%(link)s\n"
    ) % {
        "name": comment.name,
        "title": comment.article.title,
        "excerpt": Truncator(comment.body).chars(500),
        "link": link,
    }
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # any backend error; the comment itself is safe
        logger.exception("Could not notify moderators of comment %s", comment.pk)
