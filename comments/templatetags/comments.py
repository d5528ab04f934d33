"""The comment block of the article page: `{% load comments %}{% comment_block article %}`."""

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import ngettext

from ..forms import HONEYPOT, CommentForm, form_token
from ..models import Comment, accepts_comments
from ..visitors import own_comment_ids

register = template.Library()


def comment_count_label(count):
    """“No comments”, “one comment”, “two comments”, “3 comments”… in correct Arabic plurals."""
    return ngettext("%(count)d comment", "%(count)d comments", count) % {"count": count}


@register.inclusion_tag("comments/block.html", takes_context=True)
def comment_block(context, article):
    """Approved comments (replies under their parent), this browser's own pending ones, the form.

    One query whatever the number of comments.
    """
    request = context.get("request")
    own_ids = own_comment_ids(request) if request is not None else []
    if own_ids and request is not None:
        # This page is now this browser's own: keep it out of shared caches.
        request.shows_own_comments = True

    threads, replies, own = [], {}, []
    for comment in Comment.objects.for_article_page(article, own_ids):
        if comment.status != Comment.Status.APPROVED:
            own.append(comment)
        elif comment.parent_id is None:
            threads.append(comment)
        else:
            replies.setdefault(comment.parent_id, []).append(comment)
    # Replies whose parent is not (or no longer) approved have no thread to sit in.
    for comment in threads:
        comment.shown_replies = replies.get(comment.pk, [])
    count = len(threads) + sum(len(comment.shown_replies) for comment in threads)
    page = comments_page(threads, request)

    is_open = accepts_comments(article)
    form = context.get("comment_form") or CommentForm(article=article)
    reply_target = None
    if is_open:
        reply_target = _reply_target(form, request, threads)
        if reply_target and not form.is_bound:
            form.initial["reply_to"] = reply_target.pk
    return {
        "article": article,
        "threads": page.object_list,
        "comments_page": page,
        "count_label": comment_count_label(count),
        "own_comments": own,
        "own_comments_rendered": request is not None and bool(own_ids),
        "is_open": is_open,
        "form": form,
        "honeypot": HONEYPOT,
        "issued": form_token(article),
        "reply_target": reply_target,
    }


def comments_page(threads, request):
    """The threads of one page (?comments=N, a cacheable address of its own), oldest first."""
    paginator = Paginator(threads, getattr(settings, "COMMENTS_PER_PAGE", 50))
    try:
        number = int(request.GET.get("comments", 1)) if request is not None else 1
    except ValueError:
        number = 1
    # A number that names no page shows the first one rather than an error.
    return paginator.page(number if 1 <= number <= paginator.num_pages else 1)


def _reply_target(form, request, threads):
    """The shown comment the reader is replying to, from the form or from ?reply_to=."""
    raw = form.data.get("reply_to") if form.is_bound else request and request.GET.get("reply_to")
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    for comment in threads:
        for candidate in [comment, *comment.shown_replies]:
            if candidate.pk == pk:
                return candidate
    return None
