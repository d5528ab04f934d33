"""Telling moderators that a comment is waiting (COMMENTS_NOTIFY_EMAILS).

The email goes out from the task worker (comments.tasks), never inside the
reader's request: a slow or broken mail server costs the reader nothing, and a
failed sending is logged and tried again (newsroom.background).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext


def notify_moderators(comment, request):
    """After the comment is saved: queue the email to the moderation addresses, if any."""
    if not settings.COMMENTS_NOTIFY_EMAILS:
        return
    from .tasks import send_moderator_notice

    path = reverse("admin:comments_comment_change", args=[comment.pk])
    link = f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)
    send_moderator_notice.enqueue(comment.pk, link)


def moderator_notice(comment, link):
    """(subject, body) of the email about a comment. The reader's email address stays out:
    moderators see it in the admin."""
    subject = gettext("New comment awaiting moderation: %(title)s") % {
        "title": Truncator(comment.article.title).chars(80)
    }
    body = gettext(
        "%(name)s commented on «%(title)s»:\n\n%(excerpt)s\n\n"
        "Approve or reject it here:\n%(link)s\n"
    ) % {
        "name": comment.name,
        "title": comment.article.title,
        "excerpt": Truncator(comment.body).chars(500),
        "link": link,
    }
    return subject, body
