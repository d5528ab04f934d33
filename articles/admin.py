from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article, Author, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "published_at", "is_featured"]
    list_filter = ["status", "category", "authors", "published_at", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    actions = ["publish_now"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Section, authors and tags"), {"fields": ["category", "authors", "tags"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_caption", "lead_image_alt", "lead_image_credit"]},
        ),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured", "comments_open"]}),
    ]

    @admin.action(description=_("Publish the selected articles now"))
    def publish_now(self, request, queryset):
        count = queryset.filter(status=Article.Status.DRAFT).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )
