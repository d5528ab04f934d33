"""The comments app's background work."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from newsroom.background import retried

from .models import Comment
from .notifications import moderator_notice


@task()
@retried
def send_moderator_notice(comment_id, link):
    """Email the moderation addresses about a comment still waiting (a decided one needs none)."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or not comment.awaits_moderation or comment.moderated_at:
        return
    subject, body = moderator_notice(comment, link)
    send_mail(subject, body, None, settings.COMMENTS_NOTIFY_EMAILS)
