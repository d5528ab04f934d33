"""Uploads never 500: format size limits, a full or read-only media disk, the pixel budget."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images import processing
from images.models import Image

ADD_URL = "/admin/images/image/add/"
STORAGE_ERROR = "تعذّر حفظ الصورة"


def png(width, height, *, noise=False):
    picture = (
        PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else PILImage.new("RGB", (width, height), (30, 90, 150))
    )
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, data, name="strip.png"):
    return client.post(
        ADD_URL,
        {
            "file": SimpleUploadedFile(name, data, "image/png"),
            "alt_text": "شريط طويل من صور الأرشيف",
            "caption": "صور الأرشيف كما وصلتنا",
            "credit": "قسم التوثيق",
        },
    )


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --- WebP's and JPEG's size limits ------------------------------------------


@pytest.mark.django_db
def test_a_tall_strip_is_accepted_with_renditions_webp_can_hold(client, desk_editor, media_root):
    client.force_login(desk_editor)
    response = upload(client, png(400, 20000))
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert (image.width, image.height) == (400, 20000)  # the master keeps its size
    assert [(r["width"], r["height"]) for r in image.renditions] == [(320, 16000), (327, 16383)]
    for entry in image.renditions:
        for kind, fmt in [("webp", "WEBP"), ("jpeg", "JPEG")]:
            stored = PILImage.open(media_root / entry[kind])
            assert stored.format == fmt and stored.size == (entry["width"], entry["height"])


@pytest.mark.parametrize(
    "size, fitted",
    [
        ((1920, 1080), (1920, 1080)),
        ((16383, 16383), (16383, 16383)),
        ((320, 70000), (74, 16383)),  # beyond JPEG's 65,535 too
        ((20000, 10), (16383, 8)),
    ],
)
def test_rendition_sizes_never_exceed_the_smaller_format_limit(size, fitted):
    assert processing.within_format_limits(*size) == fitted
    assert processing.RENDITION_MAX_SIDE == 16383 <= processing.FORMAT_MAX_SIDE["JPEG"]


# --- A full or read-only media disk -------------------------------------------


def assert_refused_with_everything_kept(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert STORAGE_ERROR in html
    for typed in ["شريط طويل من صور الأرشيف", "صور الأرشيف كما وصلتنا", "قسم التوثيق"]:
        assert f'value="{typed}"' in html
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_full_disk_is_an_arabic_form_error_and_leaves_no_partial_file(
    client, desk_editor, media_disk
):
    client.force_login(desk_editor)
    media_disk.fill(leave=8 * 1024)
    response = upload(client, png(500, 400, noise=True))  # its master alone is ~600 kB
    assert_refused_with_everything_kept(response)
    assert files_in(media_disk.path) == ["filler.bin"]


@pytest.mark.django_db
def test_a_disk_that_fills_during_the_renditions_leaves_no_partial_rendition(
    client, desk_editor, media_disk
):
    """Renditions are the task worker's: the upload is kept (pages show the original),
    the failed task leaves no half-written rendition behind and is tried again."""
    client.force_login(desk_editor)
    data = png(700, 500, noise=True)
    master = processing.develop(data).master
    media_disk.fill(leave=len(master) + 64 * 1024)
    response = upload(client, data)
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions == []
    assert files_in(media_disk.path) == sorted(["filler.bin", image.file.name])


@pytest.mark.django_db
def test_a_read_only_disk_is_an_arabic_form_error(client, desk_editor, media_disk):
    client.force_login(desk_editor)
    media_disk.read_only()
    response = upload(client, png(64, 48))
    assert_refused_with_everything_kept(response)
    assert files_in(media_disk.path) == []


@pytest.mark.django_db
def test_an_author_photo_on_a_read_only_disk_is_an_arabic_form_error(
    client, desk_editor, media_disk
):
    from articles.models import Author

    client.force_login(desk_editor)
    media_disk.read_only()
    response = client.post(
        "/admin/articles/author/add/",
        {
            "name": "رنا الخطيب",
            "slug": "رنا-الخطيب",
            "bio": "مراسلة الشؤون الثقافية.",
            "photo": SimpleUploadedFile("رنا.png", png(64, 48), "image/png"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert STORAGE_ERROR in html and 'value="رنا الخطيب"' in html and "مراسلة الشؤون" in html
    assert not Author.objects.filter(name="رنا الخطيب").exists()
    assert files_in(media_disk.path) == []


# --- The pixel budget ---------------------------------------------------------


def jpeg(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (120, 60, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_jpeg_beyond_the_budget_is_decoded_smaller_within_it(client, desk_editor, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    client.force_login(desk_editor)
    response = client.post(
        ADD_URL,
        {"file": SimpleUploadedFile("wide.jpg", jpeg(3000, 2000), "image/jpeg"), "alt_text": "x"},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (750, 500)  # read at a quarter, never in full
    assert image.width * image.height <= settings.IMAGE_MAX_PIXELS


@pytest.mark.django_db
def test_a_png_beyond_the_budget_is_refused_in_arabic(client, desk_editor, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    client.force_login(desk_editor)
    response = upload(client, png(1200, 1000))
    assert response.status_code == 200
    assert "1200×1000" in response.content.decode()
    assert not Image.objects.exists()


def test_a_jpeg_too_large_even_at_an_eighth_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 10_000
    with pytest.raises(processing.ValidationError) as refused:
        processing.open_checked(jpeg(1200, 1000))  # 150×125 at 1/8 is still above 10,000
    assert refused.value.code == "too_many_pixels"
