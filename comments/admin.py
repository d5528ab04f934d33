"""Moderation in the admin: the comment queue, the word list, and comment counts on articles."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.admin import ArticleAdmin, DeskExtension

from . import queue
from .models import BlockedWord, Comment


class StatusFilter(admin.SimpleListFilter):
    """The status filter, on “pending” until the moderator picks another."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The comment list, with bulk actions; the moderation queue (queue.py) is its own page."""

    list_display = ["excerpt", "article", "posted", "status", "email"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, "needs_review", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "remove"]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "body",
        "status",
        "created_at",
        "ip_address",
        "ip_hash",
        "user_agent",
        "moderated_by",
        "moderated_at",
        "needs_review",
        "review_reasons",
        "suspect_words",
        "toxicity",
    ]
    # What the reader wrote is theirs: moderators decide its status, nothing else.
    readonly_fields = [f for f in fields if f != "status"]

    def has_add_permission(self, request):
        return False  # comments come from readers

    def get_urls(self):
        def view(function, decorator=lambda view: view):
            return self.admin_site.admin_view(decorator(lambda request: function(self, request)))

        return [
            path("queue/", view(queue.queue_view), name="comments_comment_queue"),
            path(
                "queue/decide/",
                view(queue.decide_view, require_POST),
                name="comments_comment_decide",
            ),
            path("queue/undo/", view(queue.undo_view, require_POST), name="comments_comment_undo"),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            for name in ["approve", "mark_spam", "remove"]:
                actions.pop(name, None)
        return actions

    class Media:
        css = {"all": ["comments/comment-list.css"]}

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        # The name and the text in one column, so that the text gets the width.
        return format_html(
            '<bdi class="comment-list-name">{}</bdi>: {}',
            comment.name,
            Truncator(comment.body).chars(200),
        )

    @admin.display(description=_("posted"), ordering="created_at")
    def posted(self, comment):
        return date_format(timezone.localtime(comment.created_at), "j F، H:i")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, status, message):
        # One save() per comment, as for a decision in the queue: what readers
        # see changes through save() only.
        count = twins = 0
        for comment in queryset.exclude(status=status):
            if comment.decide(status, request.user):
                count += 1
            else:
                twins += 1
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)
        if twins:
            self.message_user(request, queue.TWIN, messages.WARNING)

    @admin.action(description=_("Approve the selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.APPROVED,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Mark the selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.SPAM,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        )

    @admin.action(description=_("Remove the selected comments"), permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.REMOVED,
            lambda n: ngettext("%(count)d comment removed.", "%(count)d comments removed.", n),
        )


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "normalized", "created_at"]
    list_filter = ["action"]
    search_fields = ["word", "normalized"]
    fields = ["word", "action"]


def comments_url(article, status=None):
    """The moderation queue for one article's comments."""
    url = reverse("admin:comments_comment_queue")
    return f"{url}?status={status or StatusFilter.ALL}&article={article.pk}"


class CommentsOnArticles(DeskExtension):
    """The article desk shows each article's pending comments, linked for moderators.

    The articles app knows nothing of comments: this extension adds a column to
    the article list and a section to the article form.
    """

    fieldset_title = _("Readers' comments")
    # Deleting an article takes its comments with it; an editor needs no
    # permission on comments for that.
    deleted_with_article = [Comment._meta.verbose_name]

    def annotate(self, request, queryset):
        pending = Count("comments", filter=Q(comments__status=Comment.Status.PENDING))
        return queryset.annotate(pending_comments=pending)

    def list_columns(self, request):
        return [pending_comments_link if may_moderate(request) else pending_comments]

    def form_fields(self, request, obj):
        return [comments_links if may_moderate(request) else comments_summary]


def may_moderate(request):
    # Links only for those who may open the comments; a plain count for the others.
    return request.user.has_perm("comments.view_comment")


@admin.display(description=_("pending comments"), ordering="pending_comments")
def pending_comments(article):
    return article.pending_comments


@admin.display(description=_("pending comments"), ordering="pending_comments")
def pending_comments_link(article):
    if not article.pending_comments:
        return "0"
    return format_html(
        '<a href="{}">{}</a>',
        comments_url(article, Comment.Status.PENDING),
        article.pending_comments,
    )


@admin.display(description=_("comments"))
def comments_summary(article):
    if not article.pk:
        return "—"
    counts = article.comments.aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(status=Comment.Status.PENDING))
    )
    return (
        ngettext(
            "%(total)d comment, %(pending)d pending",
            "%(total)d comments, %(pending)d pending",
            counts["total"],
        )
        % counts
    )


@admin.display(description=_("comments"))
def comments_links(article):
    if not article.pk:
        return "—"
    return format_html(
        '{} — <a href="{}">{}</a> · <a href="{}">{}</a>',
        comments_summary(article),
        comments_url(article, Comment.Status.PENDING),
        _("moderate the pending comments"),
        comments_url(article),
        _("all comments"),
    )


ArticleAdmin.extensions.append(CommentsOnArticles())
