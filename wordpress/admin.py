"""What an import left, for checking it: the old addresses and the imported objects."""

from urllib.parse import unquote

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ImportedObject, OldAddress


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by `import_wordpress` only; the desk may look, and delete a wrong one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OldAddress)
class OldAddressAdmin(ReadOnlyAdmin):
    list_display = ["address", "leads_to"]
    list_select_related = ["article", "section", "tag", "author", "image"]
    search_fields = ["path"]
    ordering = ["path"]

    # Addresses read left to right, even with Arabic slugs in them.
    @admin.display(description=_("old address"), ordering="path")
    def address(self, old):
        return format_html('<span dir="ltr">{}</span>', old.path)

    @admin.display(description=_("now answered by"))
    def leads_to(self, old):
        address = old.new_address()
        return format_html('<a href="{}" dir="ltr">{}</a>', address, unquote(address))


@admin.register(ImportedObject)
class ImportedObjectAdmin(ReadOnlyAdmin):
    list_display = ["kind", "wp_id", "object_id", "guid", "imported_at"]
    list_filter = ["kind", "site"]
    search_fields = ["wp_id", "guid"]
    ordering = ["kind", "wp_id"]
