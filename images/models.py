"""The image library: photographs checked, cleaned and cut into renditions once, on upload."""

import mimetypes
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator
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
    # What must stay in frame when a rendition is cut to another shape, in
    # percent of the width and height from the top left corner.
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Click the photo where its subject is; cropped versions keep it in frame."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    # [{"width", "height", "webp": name, "jpeg": name}, ...], narrowest first.
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    # {"card": [renditions…], "share": [...]}: processing.CROPS' shapes, cut around the focal point.
    crops = models.JSONField(_("cropped renditions"), default=dict, editable=False)
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

    # Set by develop(): the stored original still waits for its renditions.
    renditions_wanted = False

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.develop()  # unless a form did already, while it could show errors
        elif self.pk and self.focal_moved():
            self.recrop()
        super().save(*args, **kwargs)
        if self.renditions_wanted:
            self.renditions_wanted = False
            # Renditions and crops are cut in the background; until they exist,
            # pages show the (clean) original. The task row commits with the image.
            from .tasks import make_renditions

            if make_renditions.enqueue(self.pk).is_finished:  # run at once (no worker)
                self.refresh_from_db(fields=["renditions", "crops"])
        self.stored_focal = self.focal

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        image.stored_focal = (image.__dict__.get("focal_x"), image.__dict__.get("focal_y"))
        return image

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.stored_focal = (self.__dict__.get("focal_x"), self.__dict__.get("focal_y"))

    @property
    def focal(self):
        return (self.focal_x, self.focal_y)

    def focal_moved(self):
        stored = getattr(self, "stored_focal", None)
        return bool(stored) and None not in stored and stored != self.focal

    def cache_tags(self):
        """The pages showing this image name it (image:<id>) among their cache tags."""
        return [f"image:{self.pk}"]

    def develop(self):
        """Check the new upload and store it clean (the editor waits for this part only)."""
        developed = processing.store_developed(self.file)
        self.width, self.height = developed.size
        self.renditions, self.crops = [], {}
        self.renditions_wanted = True

    def recrop(self):
        """Cut the cropped renditions again, around a new focal point."""
        storage = self.file.storage
        with storage.open(self.file.name, "rb") as stored:
            picture = processing.open_checked(stored.read())
        old = self.crops
        self.crops = processing.store_crops(storage, self.file.name, picture, self.focal)
        names = processing.crop_names(old) - processing.crop_names(self.crops)
        transaction.on_commit(lambda: processing.delete_files(storage, names))

    def rebuild_renditions(self):
        """Cut the renditions from the stored file: after an upload (in the background),
        and again after the widths change."""
        storage = self.file.storage
        with storage.open(self.file.name, "rb") as stored:
            picture = processing.open_checked(stored.read())
        old = processing.rendition_names(self.renditions) | processing.crop_names(self.crops)
        self.renditions = processing.store_renditions(storage, self.file.name, picture)
        self.crops = processing.store_crops(storage, self.file.name, picture, self.focal)
        self.save(update_fields=["renditions", "crops"])
        kept = processing.rendition_names(self.renditions) | processing.crop_names(self.crops)
        processing.delete_files(storage, old - kept)

    def stored_names(self):
        """Every file of this image in storage: the master and each rendition."""
        names = processing.rendition_names(self.renditions) | processing.crop_names(self.crops)
        return names | {self.file.name} if self.file else names

    @property
    def url(self):
        return self.file.url

    def sized(self, max_width=None, crop=None):
        """The renditions no wider than max_width (at least the narrowest one).

        crop: one of processing.CROPS' shapes; the uncropped renditions while
        that crop has not been cut (an image stored before crops existed).
        """
        entries = (self.crops or {}).get(crop) or self.renditions or []
        fitting = [e for e in entries if max_width is None or e["width"] <= max_width]
        return fitting or entries[:1]

    def srcset(self, kind, max_width=None, crop=None):
        storage = self.file.storage
        sized = self.sized(max_width, crop)
        return ", ".join(f"{storage.url(e[kind])} {e['width']}w" for e in sized)

    def rendition(self, min_width, crop=None):
        """The narrowest JPEG rendition at least min_width wide (or the widest there is)."""
        entries = (self.crops or {}).get(crop) or self.renditions or []
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
        """A JPEG 1200 pixels wide, 1.91:1 around the focal point, for share cards and feeds."""
        return self.rendition(1200, crop="share")


@receiver(post_delete, sender=Image)
def delete_image_files(sender, instance, using, **kwargs):
    """Files go with the row, but only once the deletion is committed (a rollback keeps both)."""
    storage, names = instance.file.storage, instance.stored_names()
    transaction.on_commit(lambda: processing.delete_files(storage, names), using=using)
