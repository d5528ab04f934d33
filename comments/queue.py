"""The moderation queue: one card per comment, one action per decision, undo.

Registered by CommentAdmin (admin.py) at /admin/comments/comment/queue/, for
those who may view comments (the Moderators group); deciding needs the change
permission. Decisions are POSTs (admin.py's URLs allow nothing else) with the
CSRF token, answered with JSON for the page's script (queue.js), or without it
with a redirect back to the queue.

Undo is stateless: each decision returns a signed note of what the comment was
before it, valid COMMENTS_UNDO_SECONDS. The page keeps the notes of its last
decisions, so `u` steps back through them; a note is refused once the comment
has changed again since.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import Comment

UNDO_SALT = "comments.queue.undo"
QUEUE_SIZE = 50

# The queue's status filters, in the order shown: (value, label, condition).
FILTERS = [
    ("pending", _("Pending"), Q(status=Comment.Status.PENDING)),
    ("review", _("Needs a second look"), Q(status=Comment.Status.PENDING, needs_review=True)),
    ("spam", _("Spam"), Q(status=Comment.Status.SPAM)),
    ("approved", _("Approved"), Q(status=Comment.Status.APPROVED)),
    ("removed", _("Removed"), Q(status=Comment.Status.REMOVED)),
    ("all", _("All"), Q()),
]
CONDITIONS = {value: condition for value, _label, condition in FILTERS}
TWIN = _(
    "The commenter has sent the same comment again, and that copy is waiting or published: "
    "this one stays removed."
)
DECISIONS = {
    "approve": (Comment.Status.APPROVED, _("Approved.")),
    "spam": (Comment.Status.SPAM, _("Marked as spam.")),
    "remove": (Comment.Status.REMOVED, _("Removed.")),
}


class QueueFilters:
    """What the moderator asked to see, read from the query string; bad values fall back."""

    def __init__(self, params):
        self.status = params.get("status") if params.get("status") in CONDITIONS else "pending"
        article = params.get("article", "")
        self.article = int(article) if article.isdigit() else None
        self.commenter = params.get("commenter", "")[:64]
        self.order = "newest" if params.get("order") == "newest" else "oldest"

    def scope(self):
        """Every filter but the status: what the status counts are counted in."""
        scope = Q()
        if self.article:
            scope &= Q(article_id=self.article)
        if self.commenter:
            scope &= Q(commenter_key=self.commenter)
        return scope

    def query_string(self, **changes):
        values = {
            "status": self.status,
            "article": self.article or "",
            "commenter": self.commenter,
            "order": self.order,
            **changes,
        }
        return "?" + urlencode({key: value for key, value in values.items() if value})


def status_counts(scope):
    """How many comments each status filter holds within scope, in one query."""
    counts = Comment.objects.filter(scope).aggregate(
        **{value: Count("pk", filter=condition) for value, _label, condition in FILTERS}
    )
    return counts


def queue_cards(filters):
    """The comments of the queue, with all a card shows, in one query."""
    commenter_total = (
        Comment.objects.filter(commenter_key=OuterRef("commenter_key"))
        .exclude(commenter_key="")
        .order_by()
        .values("commenter_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    order = ["created_at", "pk"] if filters.order == "oldest" else ["-created_at", "-pk"]
    return (
        Comment.objects.filter(filters.scope(), CONDITIONS[filters.status])
        .select_related("article", "parent")
        .annotate(commenter_total=Coalesce(Subquery(commenter_total), 0))
        .order_by(*order)[:QUEUE_SIZE]
    )


def article_choices(filters):
    """Articles with comments waiting, most waiting first, and the one filtered on."""
    waiting = Count("comments", filter=Q(comments__status=Comment.Status.PENDING))
    return (
        Article.objects.annotate(waiting=waiting)
        .filter(Q(waiting__gt=0) | Q(pk=filters.article or 0))
        .only("pk", "title")
        .order_by("-waiting", "title")
    )


def queue_view(model_admin, request):
    """The queue page: filters with counts, and the first QUEUE_SIZE cards."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    filters = QueueFilters(request.GET)
    counts = status_counts(filters.scope())
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": gettext("Moderation queue"),
        "filters": filters,
        "status_links": [
            (value, label, counts[value], filters.query_string(status=value))
            for value, label, _condition in FILTERS
        ],
        "articles": article_choices(filters),
        "cards": queue_cards(filters),
        "shown_total": counts[filters.status],
        "queue_size": QUEUE_SIZE,
        "can_decide": model_admin.has_change_permission(request),
        "undo_note": request.session.pop("comments_queue_undo", ""),
        "commenter_comment": _commenter_comment(filters),
    }
    return TemplateResponse(request, "admin/comments/comment/queue.html", context)


def _commenter_comment(filters):
    # The commenter filter names who it is about: their latest name and address.
    if not filters.commenter:
        return None
    return (
        Comment.objects.filter(commenter_key=filters.commenter)
        .only("name", "email")
        .order_by("-created_at")
        .first()
    )


def _reply(request, ok, message, status=200, **data):
    """JSON for the page's script; without it, a message and the queue again."""
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": ok, "message": str(message), **data}, status=status)
    messages.add_message(request, messages.SUCCESS if ok else messages.ERROR, message)
    if data.get("undo"):
        request.session["comments_queue_undo"] = data["undo"]
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    return HttpResponseRedirect(back or reverse("admin:comments_comment_queue"))


def decide_view(model_admin, request):
    """Approve, mark as spam or remove one comment; answer with a signed undo note."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    decision = DECISIONS.get(request.POST.get("decision", ""))
    comment = _comment_from(request.POST.get("comment", ""))
    if decision is None or comment is None:
        return _reply(request, False, gettext("That comment is no longer in the queue."), 404)
    status, done = decision
    before = {
        "pk": comment.pk,
        "status": comment.status,
        "by": comment.moderated_by_id,
        "at": comment.moderated_at.isoformat() if comment.moderated_at else None,
        "now": status,
    }
    if not comment.decide(status, request.user):
        return _reply(request, False, TWIN, 409)
    undo = signing.dumps(before, salt=UNDO_SALT)
    counts = status_counts(QueueFilters(request.POST).scope())
    return _reply(request, True, done, comment=comment.pk, undo=undo, counts=counts)


def undo_view(model_admin, request):
    """Put a comment back as it was before a decision, if nothing has changed it since."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    try:
        before = signing.loads(
            request.POST.get("undo", ""), salt=UNDO_SALT, max_age=settings.COMMENTS_UNDO_SECONDS
        )
    except signing.BadSignature:
        return _reply(request, False, gettext("It is too late to undo that decision."), 400)
    comment = _comment_from(str(before["pk"]))
    if comment is None or comment.status != before["now"]:
        message = gettext("That comment has been changed since; it was not put back.")
        return _reply(request, False, message, 409)
    if not comment.restore(before["status"], before["by"], before["at"]):
        return _reply(request, False, TWIN, 409)
    counts = status_counts(QueueFilters(request.POST).scope())
    return _reply(request, True, gettext("Undone."), comment=comment.pk, counts=counts)


def _comment_from(raw):
    return Comment.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
