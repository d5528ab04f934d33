"""Photographs for the newsroom: checked by content, cleaned, and cut into renditions.

Everything here happens once, when an image is uploaded to the library: the
upload is opened with Pillow (its bytes decide the format, not its name),
refused if it is not a JPEG, PNG, WebP or GIF or is too large to handle
safely, turned upright by its EXIF orientation, and encoded afresh from its
pixels alone, so that no metadata (camera, GPS position, comments, colour
profile) survives in any stored file. Renditions for `srcset` are made from
that clean picture and stored next to it.
"""

import io
import logging
import posixpath
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow format -> (format we store the master in, its file extension).
# GIFs keep their first frame only and are stored as PNG (lossless).
ACCEPTED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),
}
SAVE_OPTIONS = {
    "JPEG": {"quality": 86, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 84, "method": 4},
}
RENDITION_OPTIONS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
}
RENDITION_EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}

ERRORS = {
    "not_an_image": _("This file is not an image we can read, or it is damaged."),
    "format": _("Only JPEG, PNG, WebP and GIF images are accepted (this file is %(format)s)."),
    "too_many_pixels": _(
        "This image is too large: %(width)s×%(height)s pixels. "
        "The limit is %(limit)s million pixels; export it at a smaller size."
    ),
    "bomb": _(
        "This image claims a size too large to open safely. Export it again at a normal size."
    ),
    "too_many_bytes": _("This file is larger than %(limit)s MB."),
    "storage": _(
        "The image could not be stored: the media disk is full or refuses to write. "
        "Nothing was saved; try again later, or tell the technical team."
    ),
}

# The largest side each rendition format can hold (WebP's is the smaller).
FORMAT_MAX_SIDE = {"WEBP": 16_383, "JPEG": 65_535}
RENDITION_MAX_SIDE = min(FORMAT_MAX_SIDE[fmt] for fmt, _options in RENDITION_OPTIONS.values())
# JPEG decodes at 1/2, 1/4 or 1/8 of its size without ever holding the full one.
JPEG_DRAFT_SCALES = (1, 2, 4, 8)


def max_pixels():
    """The per-upload pixel budget: what one upload may hold in memory, decoded."""
    return settings.IMAGE_MAX_PIXELS


def decode_within_budget(picture):
    """Make a JPEG above the budget decode at a reduced size that fits; False if none can.

    JPEG's own decoder scales by 1/2, 1/4 or 1/8 while it reads, so memory stays
    within the budget however large the photograph; other formats cannot.
    """
    if picture.format != "JPEG":
        return False
    width, height = picture.size
    for scale in JPEG_DRAFT_SCALES:
        size = (-(-width // scale), -(-height // scale))
        if size[0] * size[1] <= max_pixels():
            picture.draft(None, size)
            return picture.size[0] * picture.size[1] <= max_pixels()
    return False


@dataclass
class Developed:
    """An upload that passed the checks: clean pixels, ready to store."""

    picture: PILImage.Image
    master: bytes
    extension: str

    @property
    def size(self):
        return self.picture.size


def open_checked(data):
    """Open image bytes with Pillow, or raise a ValidationError in the editor's language."""
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            ERRORS["too_many_bytes"],
            code="too_many_bytes",
            params={"limit": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
        )
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it: treat that as a bomb too.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture = PILImage.open(io.BytesIO(data))
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(ERRORS["bomb"], code="bomb") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(ERRORS["not_an_image"], code="not_an_image") from None
        if picture.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                ERRORS["format"], code="format", params={"format": picture.format or "?"}
            )
        width, height = picture.size
        if width * height > max_pixels() and not decode_within_budget(picture):
            raise ValidationError(
                ERRORS["too_many_pixels"],
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "limit": round(max_pixels() / 1_000_000, 1),
                },
            )
        try:
            picture.seek(0)
            picture.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(ERRORS["bomb"], code="bomb") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ValidationError(ERRORS["not_an_image"], code="not_an_image") from None
    return picture


def in_srgb(picture):
    """Convert pixels from an embedded colour profile to sRGB, since the profile goes."""
    icc = picture.info.get("icc_profile")
    if not icc or picture.mode not in ("RGB", "RGBA"):
        return picture
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode=picture.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return picture


def has_alpha(picture):
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


def pixels_only(picture):
    """A new image made of the pixels alone: no EXIF, XMP, ICC, comments or text chunks.

    Pasted into a blank image rather than copied through bytes, so that at most
    two full-size pictures are in memory at once (the pixel budget's bound).
    """
    mode = "RGBA" if has_alpha(picture) else "RGB"
    converted = in_srgb(picture if picture.mode == mode else picture.convert(mode))
    clean = PILImage.new(mode, converted.size)
    clean.paste(converted)
    return clean


def encode(picture, pillow_format, options):
    if pillow_format == "JPEG" and picture.mode != "RGB":
        picture = flatten(picture)
    buffer = io.BytesIO()
    picture.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def flatten(picture):
    """Transparent pixels onto white, for formats without transparency."""
    if picture.mode != "RGBA":
        return picture.convert("RGB")
    background = PILImage.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def develop(data):
    """Check an upload and return its clean picture and the bytes of the master file."""
    picture = open_checked(data)
    store_format, extension = ACCEPTED_FORMATS[picture.format]
    try:
        ImageOps.exif_transpose(picture, in_place=True)
        clean = pixels_only(picture)
        del picture  # only the clean copy stays in memory from here
    except (OSError, ValueError):
        # Modes Pillow cannot turn into RGB (exotic bit depths) and the like.
        raise ValidationError(ERRORS["not_an_image"], code="not_an_image") from None
    master = encode(clean, store_format, SAVE_OPTIONS[store_format])
    return Developed(picture=clean, master=master, extension=extension)


def store_developed(field_file):
    """Store a new upload of an ImageField as its cleaned master; return the Developed."""
    field_file.open("rb")
    developed = develop(field_file.read())
    stem = slugify(posixpath.splitext(posixpath.basename(field_file.name))[0], allow_unicode=True)
    # A name no other file has, so that a failed write's leftovers are ours to delete.
    name = f"{stem[:60] or 'image'}-{secrets.token_hex(4)}.{developed.extension}"
    target = field_file.field.generate_filename(field_file.instance, name)
    try:
        field_file.save(name, ContentFile(developed.master), save=False)
    except OSError:
        raise storage_failed(field_file.storage, [target]) from None
    return developed


def storage_failed(storage, names):
    """Delete what a failed write left behind; the Arabic error to raise instead of a 500."""
    logger.exception("Image storage refused a write (disk full or read-only?)")
    for name in names:
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Could not delete the partial file %s", name)
    return ValidationError(ERRORS["storage"], code="storage")


def save_new_file(storage, name, data):
    """Store bytes under a name that is free now; a failed write leaves nothing behind."""
    target = storage.get_available_name(name)
    try:
        return storage.save(target, ContentFile(data))
    except OSError:
        raise storage_failed(storage, [target]) from None


def rendition_widths(width):
    """The widths to cut: the configured ones narrower than the image, and the
    image's own width (capped at the widest configured one)."""
    widths = sorted(settings.IMAGE_RENDITION_WIDTHS)
    cut = [w for w in widths if w < width]
    full = min(width, widths[-1])
    return sorted(set(cut + [full]))


def within_format_limits(width, height):
    """The size scaled down (aspect kept) so that no side exceeds what WebP can hold.

    A tall strip (400×20000) at a rendition width would be taller than WebP's
    16,383 pixels; its rendition is made narrower instead of failing the upload.
    """
    longest = max(width, height)
    if longest <= RENDITION_MAX_SIDE:
        return width, height
    ratio = RENDITION_MAX_SIDE / longest
    return max(1, int(width * ratio)), max(1, int(height * ratio))


def rendition_sizes(width, height):
    """(width, height) of each rendition to cut, narrowest first, each within format limits."""
    sizes = {
        within_format_limits(target, max(1, round(height * target / width)))
        for target in rendition_widths(width)
    }
    return sorted(sizes)


def store_renditions(storage, master_name, picture):
    """Resize, encode and store every rendition; return their description for the model.

    Each entry: {"width", "height", "webp": name, "jpeg": name, "webp_bytes", "jpeg_bytes"},
    narrowest first. The byte counts let feeds announce a file's length without a stat.
    """
    stem, _ext = posixpath.splitext(master_name)
    stored = []
    try:
        for target, target_height in rendition_sizes(*picture.size):
            resized = (
                picture
                if (target, target_height) == picture.size
                else picture.resize(
                    (target, target_height), PILImage.Resampling.LANCZOS, reducing_gap=3.0
                )
            )
            entry = {"width": target, "height": target_height}
            stored.append(entry)  # before its files, so a failure deletes those stored
            for key, (pillow_format, options) in RENDITION_OPTIONS.items():
                name = f"{stem}/{target}w.{RENDITION_EXTENSIONS[key]}"
                data = encode(resized, pillow_format, options)
                entry[key] = save_new_file(storage, name, data)
                entry[f"{key}_bytes"] = len(data)
    except Exception:
        delete_files(storage, rendition_names(stored))
        raise
    return stored


# Renditions cut to another shape than the photo's: name -> (aspect (w, h), widths).
# Cards on listings are 16:9 (site.css); share images 1.91:1, as social networks show them.
CROPS = {
    "card": ((16, 9), (480, 640, 1280)),
    "share": ((1200, 630), (1200,)),
}


def crop_box(size, aspect, focal):
    """The largest box of this aspect inside the picture, centred on the focal point
    as far as the picture's edges allow. focal: (x, y) in percent of width and height."""
    width, height = size
    ratio = aspect[0] / aspect[1]
    if width / height > ratio:
        box_w, box_h = max(1, round(height * ratio)), height
    else:
        box_w, box_h = width, max(1, round(width / ratio))
    centre_x, centre_y = width * focal[0] / 100, height * focal[1] / 100
    left = min(max(0, round(centre_x - box_w / 2)), width - box_w)
    top = min(max(0, round(centre_y - box_h / 2)), height - box_h)
    return (left, top, left + box_w, top + box_h)


def store_crops(storage, master_name, picture, focal):
    """Cut, encode and store every cropped rendition; return {name: [entries]}.

    Entries are like store_renditions' ones, narrowest first; no crop is wider
    than the box it is cut from.
    """
    stem, _ext = posixpath.splitext(master_name)
    stored = {}
    try:
        for name, (aspect, widths) in CROPS.items():
            box = crop_box(picture.size, aspect, focal)
            cut = picture.crop(box)
            entries = stored.setdefault(name, [])
            for target in sorted({min(w, cut.width) for w in widths}):
                target_height = max(1, round(cut.height * target / cut.width))
                resized = cut.resize((target, target_height), PILImage.Resampling.LANCZOS)
                entry = {"width": target, "height": target_height}
                for key, (pillow_format, options) in RENDITION_OPTIONS.items():
                    data = encode(resized, pillow_format, options)
                    entry[key] = storage.save(
                        f"{stem}/{name}-{target}w.{RENDITION_EXTENSIONS[key]}", ContentFile(data)
                    )
                    entry[f"{key}_bytes"] = len(data)
                entries.append(entry)
    except Exception:
        delete_files(storage, crop_names(stored))
        raise
    return stored


def crop_names(crops):
    """The stored file names of the cropped renditions."""
    return {name for entries in (crops or {}).values() for name in rendition_names(entries)}


def rendition_names(renditions):
    """The stored file names of a list of renditions."""
    return {entry[key] for entry in renditions or [] for key in RENDITION_OPTIONS if entry.get(key)}


def delete_files(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            # A read-only disk: the row goes, the file stays for someone to sweep.
            logger.exception("Could not delete %s", name)
