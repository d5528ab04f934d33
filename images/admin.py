"""The image library in the admin: writers upload and describe their own images; editors any."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import processing
from .models import Image


class LibraryImageField(forms.FileField):
    """An upload judged by its content with Pillow, refused with a clear Arabic error."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            processing.open_checked(upload.read())
            upload.seek(0)
        return upload


class ImageForm(forms.ModelForm):
    file = LibraryImageField(label=_("image file"))

    def _post_clean(self):
        """Store a new upload while the form can still say why it failed.

        Cleaning and cutting renditions happen here, not in save(): a full or
        read-only media disk becomes an error on the form, with everything the
        editor typed still in it, instead of a server error after validation.
        """
        super()._post_clean()
        if not self.errors and self.instance.file and not self.instance.file._committed:
            try:
                self.instance.develop()
            except ValidationError as error:
                self.add_error("file", error)


class MissingAltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("present", _("Written"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


def thumbnail(image, width=96, alt=""):
    """A small rendition of a library image for admin pages ("—" without one)."""
    if image is None:
        return "—"
    small = image.rendition(width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" class="desk-thumbnail">',
        small.url,
        width,
        round(width * (small.height or 1) / (small.width or 1)),
        alt,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The image library. Writers upload and describe their own images; editors any."""

    form = ImageForm
    list_display = ["list_thumbnail", "alt_text", "caption", "credit", "dimensions", "created_at"]
    list_display_links = ["list_thumbnail", "alt_text"]
    list_filter = [MissingAltTextFilter, "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = ["file", "preview", "alt_text", "caption", "credit"]
    readonly_fields = ["preview", "dimensions"]

    @admin.display(description=_("image"))
    def list_thumbnail(self, obj):
        # The thumbnail is a link (to the image, or picking it in the lookup
        # window): its alt text is the link's name for screen readers.
        return thumbnail(obj, alt=obj.alt_text or _("Image without alt text"))

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj, 320) if obj and obj.pk else "—"

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    def get_readonly_fields(self, request, obj=None):
        # A new picture is a new library image: renditions stay true to their file.
        return [*self.readonly_fields, "file"] if obj else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or request.user.has_perm(Image.CHANGE_ANY_PERMISSION):
            return allowed
        return obj.uploaded_by_id == request.user.pk

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
