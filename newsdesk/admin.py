"""The newsdesk in the admin: breaking news, and live coverage on the article form."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin, DeskExtension
from articles.models import Article

from .forms import LiveUpdateForm
from .models import BreakingNews, LiveCoverage, LiveUpdate


@admin.register(BreakingNews)
class BreakingNewsAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # what news sites are
    list_display = ["headline", "starts_at", "expires_at", "is_current"]
    list_filter = ["starts_at"]
    search_fields = ["headline"]
    raw_id_fields = ["article"]
    fields = ["headline", "article", "url", "starts_at", "expires_at"]
    actions = ["end_now"]

    # Breaking news goes on every page: an editor's decision, like publishing.
    def has_module_permission(self, request):
        return Article.may_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return Article.may_publish(request.user)

    def has_add_permission(self, request):
        return Article.may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return Article.may_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return Article.may_publish(request.user)

    @admin.action(description=_("End the selected banners now"))
    def end_now(self, request, queryset):
        now = timezone.now()
        for item in queryset.filter(expires_at__gt=now):
            item.expires_at = max(now, item.starts_at)
            item.save()  # through save(): the page caches are purged


class ArticlePartInline:
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    """Whoever may change the article may cover it live, once it is saved."""

    @property
    def parent_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return obj is not None and self.parent_admin.has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return obj is not None and self.parent_admin.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class LiveCoverageInline(ArticlePartInline, admin.StackedInline):
    model = LiveCoverage
    max_num = 1
    can_delete = False
    verbose_name_plural = _("live coverage: tick to cover this article live")


class LiveUpdateInline(ArticlePartInline, admin.StackedInline):
    model = LiveUpdate
    form = LiveUpdateForm
    extra = 1
    raw_id_fields = ["image"]
    verbose_name_plural = _("live updates, newest first")

    class Media:
        js = ["js/live-desk.js"]


class LiveDesk(DeskExtension):
    """The button that posts a live update at once, without saving the article form."""

    fieldset_title = _("Live coverage")

    def form_fields(self, request, obj):
        return [] if obj is None else [live_desk_panel]


@admin.display(description=_("post updates"))
def live_desk_panel(article):
    return format_html(
        '<span class="live-desk" data-post-url="{}" data-label="{}" data-posted="{}"'
        ' data-failed="{}">{}</span>',
        reverse("newsdesk:post-live-update", kwargs={"pk": article.pk}),
        _("Post this update now"),
        _("Posted: readers see it within 30 seconds."),
        _("Not posted: check your connection and try again."),
        _(
            "In the live updates below, “Post this update now” publishes an update "
            "at once, without saving the rest of the form."
        ),
    )


ArticleAdmin.inlines = [*ArticleAdmin.inlines, LiveCoverageInline, LiveUpdateInline]
ArticleAdmin.extensions.append(LiveDesk())
