"""The moderation queue's panel on the admin's dashboard (registered in CommentsConfig.ready)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.dashboard import PANEL_LENGTH, Item, Panel

from .models import Comment
from .templatetags.comments import comment_count_label


def comments_awaiting_moderation(user):
    """For those who may moderate: the oldest comments waiting, and how many there are."""
    if not user.has_perm("comments.view_comment"):
        return None
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    count = pending.count()
    items = [
        Item(
            title=Truncator(comment.body).words(12),
            url=reverse("admin:comments_comment_change", args=[comment.pk]),
            time=comment.created_at,
            detail=f"{comment.name} · {comment.article.title}",
        )
        for comment in pending.select_related("article").order_by("created_at")[:PANEL_LENGTH]
    ]
    return Panel(
        key="comments",
        title=_("Comments awaiting moderation"),
        count_label=comment_count_label(count),
        items=items,
        more_url=reverse("admin:comments_comment_queue"),
        empty=_("No comment awaits moderation."),
    )
