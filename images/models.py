"""The image library: photographs checked, cleaned and cut into renditions once, on upload."""

import mimetypes
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from . import processing


@dataclass(frozen=True)
class Rendition:
    """One stored size of a library image."""

    url: str
    width: int
    height: int
    bytes: int | None = None

    @property
    def mime_type(self):
        return mimetypes.guess_type(self.url)[0] or "application/octet-stream"


class Image(models.Model):
    """A photograph in the library, used as a lead image or a figure in a body.

    Uploads are checked and cleaned when saved (see images.processing): the
    stored file carries no metadata, and renditions for `srcset` are made once,
    here. Deleting an image deletes its files once the transaction commits.
    """

    file = models.ImageField(_("image file"), upload_to="images/%Y/%m/")
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. "
            "Required before an article with this lead image is published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, blank=True, help_text=_("The photographer or agency.")
    )
    # [{"width", "height", "webp": name, "jpeg": name}, ...], narrowest first.
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("change_any_image", _("Can describe every image in the library"))]

    CHANGE_ANY_PERMISSION = "images.change_any_image"

    def __str__(self):
        return self.alt_text or self.caption or posixpath.basename(self.file.name)

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.develop()
        super().save(*args, **kwargs)

    def cache_tags(self):
        """The pages showing this image name it (image:<id>) among their cache tags."""
        return [f"image:{self.pk}"]

    def develop(self):
        """Check the new upload, store it clean, and cut its renditions."""
        developed = processing.store_developed(self.file)
        self.width, self.height = developed.size
        try:
            self.renditions = processing.store_renditions(
                self.file.storage, self.file.name, developed.picture
            )
        except Exception:
            self.file.storage.delete(self.file.name)
            raise

    def rebuild_renditions(self):
        """Cut the renditions again from the stored file (after the widths change)."""
        storage = self.file.storage
        with storage.open(self.file.name, "rb") as stored:
            picture = processing.open_checked(stored.read())
        old = self.renditions
        self.renditions = processing.store_renditions(storage, self.file.name, picture)
        self.save(update_fields=["renditions"])
        kept = processing.rendition_names(self.renditions)
        processing.delete_files(storage, processing.rendition_names(old) - kept)

    def stored_names(self):
        """Every file of this image in storage: the master and each rendition."""
        names = processing.rendition_names(self.renditions)
        return names | {self.file.name} if self.file else names

    @property
    def url(self):
        return self.file.url

    def sized(self, max_width=None):
        """The renditions no wider than max_width (at least the narrowest one)."""
        entries = self.renditions or []
        fitting = [e for e in entries if max_width is None or e["width"] <= max_width]
        return fitting or entries[:1]

    def srcset(self, kind, max_width=None):
        storage = self.file.storage
        return ", ".join(f"{storage.url(e[kind])} {e['width']}w" for e in self.sized(max_width))

    def rendition(self, min_width):
        """The narrowest JPEG rendition at least min_width wide (or the widest there is)."""
        entries = self.renditions or []
        if not entries:
            return Rendition(self.url, self.width, self.height)
        entry = next((e for e in entries if e["width"] >= min_width), entries[-1])
        return Rendition(
            self.file.storage.url(entry["jpeg"]),
            entry["width"],
            entry["height"],
            entry.get("jpeg_bytes"),
        )

    @property
    def for_sharing(self):
        """A JPEG about 1200 pixels wide, for share cards and feeds."""
        return self.rendition(1200)


@receiver(post_delete, sender=Image)
def delete_image_files(sender, instance, using, **kwargs):
    """Files go with the row, but only once the deletion is committed (a rollback keeps both)."""
    storage, names = instance.file.storage, instance.stored_names()
    transaction.on_commit(lambda: processing.delete_files(storage, names), using=using)
