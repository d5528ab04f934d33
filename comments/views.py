"""Posting a comment, and showing a browser its own comments that await moderation.

Why the comment form works without a CSRF token, and why a reader's pending
comments come from a separate small request:

The article page is the page worth caching, for every reader alike. A CSRF
token or a reader's pending comment in it would make it one page per reader
(Django adds `Vary: Cookie` when a token is used). So the article page is the
same for everyone:

- the form carries no CSRF token; `post_comment` instead refuses posts whose
  Origin (or Referer) is another site, which is what CSRF protection is for on
  a form that has no login or session behind it;
- the browser that posted a comment gets a signed cookie listing its comment
  ids. When a request for the article reaches Django with that cookie, the
  comment block shows those comments inline and the response is marked
  `Cache-Control: private` (see middleware.py), so it works without JavaScript.
  When the page comes from a shared cache instead, comments.js sees the cookie
  and fetches `my_comments` (private, never cached) to fill them in.

The price: the form's signed "issued" time is when the page was rendered, so on
a cached copy the minimum-time check is already met; the honeypot, flood
control, the word list and moderation still stand between a robot and readers.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from articles.views import article_page

from .flood import claim_form, refusal_for
from .forms import CommentForm
from .models import Comment, accepts_comments
from .notifications import notify_moderators
from .pipeline import Refused, check_duplicate, receive
from .visitors import (
    client_ip,
    ip_fingerprint,
    is_same_site_post,
    own_comment_ids,
    remember_own_comments,
)

FORM_USED = _(
    "This form has already sent your comment. Reload the page to write another one; "
    "the text is kept below for you to copy."
)
CROSS_SITE = _("Comments can only be sent from this site's own pages.")
CLOSED = _("Comments on this article are closed; your comment was not saved.")


@csrf_exempt  # see the module docstring: the Origin check stands in for the token
@require_POST
def post_comment(request, article_id):
    """Run a reader's comment through the pipeline (pipeline.py); back to the article."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    form = CommentForm(request.POST, article=article)

    if not is_same_site_post(request):
        return _refuse(request, article, form, 403, CROSS_SITE)
    if not accepts_comments(article):
        return _refuse(request, article, form, 403, CLOSED)
    if not form.is_valid():
        return _render_article(request, article, form, 400)

    data = form.cleaned_data
    address = client_ip(request)
    comment = Comment(
        article=article,
        parent_id=form.reply_target_id,
        name=data["name"],
        email=data["email"],
        body=data["body"],
        # By default only the keyed hash is kept (COMMENTS_KEEP_IP_DAYS).
        ip_address=address if settings.COMMENTS_KEEP_IP_DAYS > 0 else None,
        ip_hash=ip_fingerprint(address),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    own_ids = own_comment_ids(request)
    try:
        check_duplicate(comment, own_ids)
        refusal = refusal_for(comment.ip_hash, data["email"])
        if refusal:
            raise Refused(429, refusal)
        if not claim_form(form.data["issued"], data["email"]):
            raise Refused(409, FORM_USED)
        receive(comment, own_ids)
    except Refused as refused:
        return _refuse(request, article, form, refused.status, refused.message)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notify_moderators(comment, request))

    response = HttpResponseRedirect(f"{article.get_absolute_url()}#my-comments", status=303)
    remember_own_comments(response, [*own_ids, comment.pk])
    return response


def _refuse(request, article, form, status, message):
    form.is_valid()  # so the reader's text is cleaned and shown back
    form.add_error(None, message)
    return _render_article(request, article, form, status)


def _render_article(request, article, form, status):
    """The article page again, with the reader's form, its errors and their text."""
    response = article_page(request, article, status, comment_form=form)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def my_comments(request, article_id):
    """This browser's comments on an article that no moderator has seen yet, as an HTML fragment."""
    own_ids = own_comment_ids(request)
    waiting = list(
        Comment.objects.awaiting_moderation()
        .filter(pk__in=own_ids, article__in=Article.objects.published())
        .only("pk", "article_id", "parent_id", "name", "body", "status", "created_at")
        .order_by("created_at", "pk")
    )
    here = [comment for comment in waiting if comment.article_id == article_id]
    html = render_to_string("comments/own_comments.html", {"own_comments": here}, request)
    response = HttpResponse(html)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    still_waiting = [comment.pk for comment in waiting]
    if still_waiting != own_ids:
        # Moderated comments leave the cookie; with none left, so does the cookie,
        # and this browser gets the cacheable article page again.
        remember_own_comments(response, still_waiting)
    return response
