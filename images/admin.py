"""The image library in the admin: writers upload and describe their own images; editors any.

Besides Django's pages, the library answers the picker and the body editor in
JSON (browse, upload, describe: `ImageAdmin.get_urls`), and offers the lead
image field of other forms (`LeadImageWidget`).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import processing
from .models import Image

PICKER_PAGE = 24
PICKER_MEDIA = forms.Media(
    css={"all": ["images/library-picker.css"]},
    js=[reverse_lazy("editor-i18n"), "images/library-picker.js"],
)


class LibraryImageField(forms.FileField):
    """An upload judged by its content with Pillow, refused with a clear Arabic error."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            processing.open_checked(upload.read())
            upload.seek(0)
        return upload


class StoresUploadOnClean:
    """Store a new upload while the form can still say why it failed.

    The clean original is stored here, not in save(): a full or read-only media
    disk becomes an error on the form, with everything the editor typed still in
    it, instead of a server error after validation. (An image's renditions follow
    in the background, images.tasks.) Used by the library's forms and by any form
    with a photo of its own (an author's).
    """

    upload_field = "file"

    def develop_upload(self, upload):
        self.instance.develop()

    def _post_clean(self):
        super()._post_clean()
        upload = getattr(self.instance, self.upload_field)
        if not self.errors and upload and not upload._committed:
            try:
                self.develop_upload(upload)
            except ValidationError as error:
                self.add_error(self.upload_field, error)


class ImageForm(StoresUploadOnClean, forms.ModelForm):
    file = LibraryImageField(label=_("image file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out (a form that predates them, a script), they keep their value.
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in ("focal_x", "focal_y"):
            if name in self.fields and cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class UploadForm(StoresUploadOnClean, forms.ModelForm):
    """One photo sent by the picker or the body editor, with the alt text it came with."""

    file = LibraryImageField(label=_("image file"))

    class Meta:
        model = Image
        fields = ["file", "alt_text"]


def library_card(image):
    """What the picker and the body editor show of an image: a thumbnail and its descriptions."""
    thumb = image.rendition(320)
    return {
        "id": image.pk,
        "thumb": thumb.url,
        "thumb_width": thumb.width,
        "thumb_height": thumb.height,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
    }


def library_urls():
    """The picker's addresses (carried by the page's data-image-library element)."""
    return {
        "browse": reverse("admin:images_image_library"),
        "upload": reverse("admin:images_image_library_upload"),
        "describe": reverse("admin:images_image_library_describe", args=[0]),
    }


class LeadImageWidget(forms.Widget):
    """A library image chosen in the picker: its thumbnail and descriptions, not its id.

    The id travels in a hidden input, but the widget is not a hidden one: the
    admin would hide its whole row.
    """

    template_name = "images/widgets/lead_image.html"
    media = PICKER_MEDIA

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        context.update(image=image, card=image and library_card(image), library=library_urls())
        return context


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


CANNOT_UPLOAD = _("You may not add photos to the image library.")
CANNOT_DESCRIBE = _(
    "You may describe only the photos you uploaded; ask an editor to change this one."
)


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
    fields = ["file", "preview", "alt_text", "caption", "credit", "focal_x", "focal_y"]
    readonly_fields = ["preview", "dimensions"]

    @property
    def media(self):
        return super().media + PICKER_MEDIA + forms.Media(js=["images/focal-point.js"])

    @admin.display(description=_("image"))
    def list_thumbnail(self, obj):
        # The thumbnail is a link (to the image, or picking it in the lookup
        # window): its alt text is the link's name for screen readers.
        return thumbnail(obj, alt=obj.alt_text or _("Image without alt text"))

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not (obj and obj.pk):
            return "—"
        # A click on the photo moves the focal point (images/focal-point.js).
        return format_html(
            '<div class="focal-point" data-focal-point>{}'
            '<span class="focal-point__mark" aria-hidden="true"></span></div>',
            thumbnail(obj, 480),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {"library": library_urls(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("library/", wrap(self.library_view), name="images_image_library"),
            path(
                "library/upload/",
                wrap(require_POST(self.library_upload_view)),
                name="images_image_library_upload",
            ),
            path(
                "library/<int:pk>/describe/",
                wrap(require_POST(self.library_describe_view)),
                name="images_image_library_describe",
            ),
            *super().get_urls(),
        ]

    def library_view(self, request):
        """The picker's page of thumbnails: newest first, searched like the library's list."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.order_by("-created_at", "-pk")
        query = request.GET.get("q", "").strip()[:100]
        if query:  # as the library's list searches (search_fields, the desk's folding)
            images = self.get_search_results(request, images, query)[0]
        page = Paginator(images, PICKER_PAGE).get_page(request.GET.get("page"))
        return JsonResponse({"images": [library_card(i) for i in page], "more": page.has_next()})

    def library_upload_view(self, request):
        """One photo into the library, or the reason it was refused (in Arabic)."""
        if not self.has_add_permission(request):
            return JsonResponse({"error": str(CANNOT_UPLOAD)}, status=403)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            reasons = [str(m) for errors in form.errors.values() for m in errors[:1]]
            return JsonResponse({"error": " ".join(reasons)}, status=400)
        image = form.save(commit=False)
        image.uploaded_by = request.user
        image.save()
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse({"image": library_card(image)}, status=201)

    def library_describe_view(self, request, pk):
        """New alt text and caption from the picker, for whoever may describe the image."""
        image = Image.objects.filter(pk=pk).first()
        if image is None or not self.has_change_permission(request, image):
            return JsonResponse({"error": str(CANNOT_DESCRIBE)}, status=403)
        image.alt_text = request.POST.get("alt_text", image.alt_text).strip()
        image.caption = request.POST.get("caption", image.caption).strip()
        try:
            image.full_clean()
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        image.save()
        self.log_change(request, image, [{"changed": {"fields": ["alt_text", "caption"]}}])
        return JsonResponse({"image": library_card(image)})

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
