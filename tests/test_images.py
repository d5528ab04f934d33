"""The image library: uploads judged by content, cleaned of metadata, cut into renditions."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageCms
from PIL import Image as PILImage

from articles.models import Article
from images.models import Image as LibraryImage

from .conftest import library_image

ADD_URL = "/admin/images/image/add/"
CAMERA = "NewsroomTestCam"


def photo_with_metadata(width=60, height=30, orientation=6):
    """A JPEG as a phone makes it: EXIF orientation, camera, GPS position, comment, ICC."""
    picture = PILImage.new("RGB", (width, height), (200, 40, 40))
    # Left half red, right half blue: lets the test see which way it was turned.
    picture.paste((40, 40, 200), (width // 2, 0, width, height))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = CAMERA
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (24.0, 42.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (46.0, 43.0, 10.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, icc_profile=icc, comment=b"secret desk note")
    data = buffer.getvalue()
    # The test's own premise: the upload really carries the position.
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def encoded(fmt, size=(40, 20), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white").save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims enormous dimensions: a decompression bomb."""

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def upload(client, data, name="photo.jpg", **fields):
    return client.post(
        ADD_URL,
        {"file": SimpleUploadedFile(name, data, "image/jpeg"), "alt_text": "وصف", **fields},
    )


@pytest.mark.django_db
def test_upload_is_turned_upright_and_stripped_of_all_metadata(client, desk_editor, media_root):
    client.force_login(desk_editor)
    response = upload(client, photo_with_metadata(), caption="سوق الخضار صباحًا")
    assert response.status_code == 302, response.content.decode()[:2000]
    image = LibraryImage.objects.get()
    # Orientation 6 (turn 90° clockwise to view): 60×30 stored as 30×60, red on top.
    assert (image.width, image.height) == (30, 60)
    assert image.uploaded_by == desk_editor
    files = stored_files(media_root)
    cropped = sum(len(entries) for entries in image.crops.values())
    assert len(files) == 1 + 2 * (len(image.renditions) + cropped)
    for path in files:
        data = path.read_bytes()
        assert b"Exif" not in data and CAMERA.encode() not in data
        assert b"secret desk note" not in data
        stored = PILImage.open(path)
        assert not stored.getexif()
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(stored.info)
    master = PILImage.open(media_root / image.file.name).convert("RGB")
    red, green, blue = master.getpixel((15, 5))
    assert red > 150 and blue < 100  # the red half is now on top


@pytest.mark.django_db
def test_format_is_judged_by_content_not_by_name(client, desk_editor, media_root):
    client.force_login(desk_editor)
    response = upload(client, encoded("PNG"), name="really-a-png.jpg")
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert image.file.name.endswith(".png")
    assert PILImage.open(media_root / image.file.name).format == "PNG"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a but really just text", "ليس صورة"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "ليس صورة"),
        (encoded("BMP"), "BMP"),
        (encoded("TIFF"), "TIFF"),
        (jpeg_head := encoded("JPEG", (400, 300))[:300], "ليس صورة"),  # truncated
        (png_claiming(100_000, 100_000), "بأمان"),
    ],
    ids=["text", "svg", "bmp", "tiff", "truncated-jpeg", "decompression-bomb"],
)
def test_bad_uploads_are_refused_in_arabic(client, desk_editor, media_root, data, message):
    client.force_login(desk_editor)
    response = upload(client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LibraryImage.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_images_beyond_the_pixel_limit_are_refused(client, desk_editor, settings, media_root):
    settings.IMAGE_MAX_PIXELS = 2000
    client.force_login(desk_editor)
    response = upload(client, encoded("PNG", (64, 36)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "أكبر من المسموح" in html and "64×36" in html
    assert not LibraryImage.objects.exists()


@pytest.mark.django_db
def test_renditions_are_made_once_in_webp_and_jpeg(media_root):
    image = library_image(data=encoded("JPEG", (2400, 1200)))
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1280, 1920]
    for entry in image.renditions:
        for kind, fmt in [("webp", "WEBP"), ("jpeg", "JPEG")]:
            stored = PILImage.open(media_root / entry[kind])
            assert stored.format == fmt
            assert stored.size == (entry["width"], entry["height"])
    small = library_image(data=encoded("PNG", (200, 100), mode="RGBA"), name="logo.png")
    assert [(r["width"], r["height"]) for r in small.renditions] == [(200, 100)]
    # Saving again (new alt text) cuts nothing new.
    before = sorted(stored_files(media_root))
    small.alt_text = "شعار"
    small.save()
    assert sorted(stored_files(media_root)) == before


@pytest.mark.django_db
def test_pages_serve_pictures_with_srcset_sizes_and_dimensions(client, make_article):
    lead = make_article(
        "خبر الصفحة الأولى",
        is_featured=True,
        lead_image=library_image("وصف الصورة الرئيسية", data=encoded("JPEG", (1600, 900))),
    )
    make_article("خبر آخر", lead_image=library_image("وصف", data=encoded("JPEG", (1600, 900))))
    home = client.get("/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", home, re.S)
    assert len(pictures) >= 2
    lead_picture, card_picture = pictures[0], pictures[1]
    assert 'type="image/webp"' in lead_picture and "sizes=" in lead_picture
    assert 'width="1280" height="720"' in lead_picture  # the 16:9 card crop
    assert 'loading="lazy"' not in lead_picture  # above the fold
    assert 'loading="lazy"' in card_picture
    # Listings offer small renditions only.
    assert "640w" in card_picture and "960w" not in card_picture and "1280w" not in card_picture

    page = client.get(lead.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="lead-figure">.*?</figure>', page, re.S).group(0)
    assert 'alt="وصف الصورة الرئيسية"' in figure
    assert 'loading="lazy"' not in figure and "1280w" in figure


@pytest.mark.django_db
def test_writers_upload_and_describe_only_their_own_images(client, writer, other_writer):
    client.force_login(other_writer)
    assert upload(client, encoded("JPEG")).status_code == 302
    theirs = LibraryImage.objects.get()
    client.force_login(writer)
    assert upload(client, encoded("JPEG")).status_code == 302
    mine = LibraryImage.objects.exclude(pk=theirs.pk).get()
    assert mine.uploaded_by == writer
    url = "/admin/images/image/{}/change/"
    assert client.post(url.format(mine.pk), {"alt_text": "سوق"}).status_code == 302
    assert client.post(url.format(theirs.pk), {"alt_text": "تخريب"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.alt_text == "وصف"


@pytest.mark.django_db
def test_an_image_in_use_cannot_be_deleted(published):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        published.lead_image.delete()
    assert Article.objects.get(pk=published.pk).lead_image_id


@pytest.mark.django_db
def test_author_photos_are_checked_and_stripped_too(client, desk_editor, media_root):
    client.force_login(desk_editor)
    refused = client.post(
        "/admin/articles/author/add/",
        {"name": "رنا سعيد", "slug": "رنا-سعيد", "photo": SimpleUploadedFile("me.jpg", b"text")},
    )
    assert refused.status_code == 200 and "ليس صورة" in refused.content.decode()
    response = client.post(
        "/admin/articles/author/add/",
        {
            "name": "رنا سعيد",
            "slug": "رنا-سعيد",
            "photo": SimpleUploadedFile("me.jpg", photo_with_metadata(), "image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (path,) = stored_files(media_root)
    data = path.read_bytes()
    assert b"Exif" not in data and CAMERA.encode() not in data
    assert PILImage.open(path).size == (30, 60)


@pytest.mark.django_db
def test_library_thumbnails_name_their_links_by_the_alt_text(client, desk_editor):
    # In the library and in the window that picks a lead image, the thumbnail
    # is a link: without alt text a screen reader could not name it.
    library_image(alt_text="باعة الخضار في السوق صباحًا")
    library_image(alt_text="", name="undescribed.jpg")
    client.force_login(desk_editor)
    html = client.get("/admin/images/image/?_to_field=id&_popup=1").content.decode()
    thumbnails = re.findall(r'<img [^>]*class="desk-thumbnail"[^>]*>', html)
    assert len(thumbnails) == 2
    assert any('alt="باعة الخضار في السوق صباحًا"' in img for img in thumbnails)
    assert any('alt="صورة بلا نص بديل"' in img for img in thumbnails)
