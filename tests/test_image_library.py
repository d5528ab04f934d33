"""The image library as the picker and the body editor use it (JSON), the lead image
field, uploads of several photos from the list page, and focal-point crops."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images.models import Image
from images.processing import crop_box

from .conftest import library_image

BROWSE = "/admin/images/image/library/"
UPLOAD = "/admin/images/image/library/upload/"


def describe_url(image):
    return f"/admin/images/image/library/{image.pk}/describe/"


def jpeg(size=(60, 40), colour=(30, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def send_photo(client, data, name="photo.jpg", alt_text=""):
    upload = SimpleUploadedFile(name, data, "image/jpeg")
    return client.post(UPLOAD, {"file": upload, "alt_text": alt_text})


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_a_photo_sent_by_the_editor_joins_the_library(client, writer, media_root):
    client.force_login(writer)
    response = send_photo(client, jpeg(), alt_text="سوق الخضار صباحًا")
    assert response.status_code == 201
    card = response.json()["image"]
    image = Image.objects.get()
    assert card["id"] == image.pk and card["alt"] == "سوق الخضار صباحًا"
    assert card["thumb"].startswith("/media/") and card["thumb_width"] == 60
    assert image.uploaded_by == writer


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_its_reason_in_arabic_and_nothing_is_kept(
    client, writer, media_root
):
    client.force_login(writer)
    response = send_photo(client, b"%PDF-1.4 not a photo", name="report.jpg")
    assert response.status_code == 400
    assert "ليس صورة" in response.json()["error"]
    assert not Image.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_the_library_answers_staff_only(client):
    assert client.get(BROWSE).status_code == 302  # to the login page
    assert send_photo(client, jpeg()).status_code == 302
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_the_picker_browses_newest_first_and_searches_captions_alt_texts_and_credits(
    client, writer, settings
):
    old = library_image("قارب صيد", caption="الميناء صباحًا")
    middle = library_image("سوق", credit="وكالة الأنباء المحلية")
    new = library_image("مدرسة", caption="أول يوم دراسي")
    client.force_login(writer)
    ids = [card["id"] for card in client.get(BROWSE).json()["images"]]
    assert ids == [new.pk, middle.pk, old.pk]
    for query, found in [("الميناء", old), ("قارب", old), ("وكالة", middle), ("دراسي", new)]:
        answer = client.get(BROWSE, {"q": query}).json()
        assert [card["id"] for card in answer["images"]] == [found.pk], query
    assert client.get(BROWSE, {"q": "لا شيء بهذا الاسم"}).json()["images"] == []


@pytest.mark.django_db
def test_the_picker_pages_through_a_large_library(client, writer, monkeypatch):
    monkeypatch.setattr("images.admin.PICKER_PAGE", 2)
    made = [library_image(f"صورة {n}") for n in range(5)]
    client.force_login(writer)
    first = client.get(BROWSE).json()
    last = client.get(BROWSE, {"page": 3}).json()
    assert first["more"] and [c["id"] for c in first["images"]] == [made[4].pk, made[3].pk]
    assert not last["more"] and [c["id"] for c in last["images"]] == [made[0].pk]


@pytest.mark.django_db
def test_alt_text_and_caption_are_written_in_the_picker_by_whoever_may(
    client, writer, other_writer, desk_editor
):
    client.force_login(other_writer)
    theirs = Image.objects.get(pk=send_photo(client, jpeg()).json()["image"]["id"])
    client.force_login(writer)
    mine = Image.objects.get(pk=send_photo(client, jpeg()).json()["image"]["id"])
    answer = client.post(describe_url(mine), {"alt_text": "حافلة", "caption": "الخط الجديد"})
    assert answer.json()["image"]["alt"] == "حافلة"
    mine.refresh_from_db()
    assert (mine.alt_text, mine.caption) == ("حافلة", "الخط الجديد")
    refused = client.post(describe_url(theirs), {"alt_text": "تخريب"})
    assert refused.status_code == 403 and "اطلب من محرر" in refused.json()["error"]
    too_long = client.post(describe_url(mine), {"alt_text": "و" * 301})
    assert too_long.status_code == 400 and "300" in too_long.json()["error"]
    mine.refresh_from_db()
    assert mine.alt_text == "حافلة"
    client.force_login(desk_editor)  # editors describe every photo
    assert client.post(describe_url(theirs), {"alt_text": "سوق"}).status_code == 200


@pytest.mark.django_db
def test_the_article_form_shows_the_lead_image_and_opens_the_picker(client, desk_editor, published):
    client.force_login(desk_editor)
    html = client.get(f"/admin/articles/article/{published.pk}/change/").content.decode()
    field = html[html.index('class="lead-image-field') :]
    field = field[: field.index("</div>\n</div>")]
    chosen = published.lead_image.pk
    assert f'<input type="hidden" name="lead_image" id="id_lead_image" value="{chosen}">' in field
    assert f'src="{published.lead_image.rendition(320).url}"' in field
    assert 'alt="قاعة المجلس البلدي"' in field and "أعضاء المجلس أثناء التصويت" in field
    assert "اختر من مكتبة الصور" in field
    assert f'data-library-browse="{BROWSE}"' in field
    assert "/static/images/library-picker.js" in html
    assert 'id="lookup_id_lead_image"' not in html  # no more pop-up window


@pytest.mark.django_db
def test_the_library_list_takes_several_photos_at_once(client, writer):
    client.force_login(writer)
    html = client.get("/admin/images/image/").content.decode()
    assert "data-library-drop" in html and 'type="file"' in html and " multiple" in html
    assert "اسحب الصور إلى هنا لإضافتها إلى المكتبة" in html


# Focal point


def two_halves(size=(1600, 600)):
    """A wide photo, grey but for a red subject at its right edge."""
    picture = PILImage.new("RGB", size, (128, 128, 128))
    picture.paste((220, 20, 20), (size[0] - 150, 0, size[0], size[1]))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def reddest(media_root, entry):
    red, green, _blue = PILImage.open(media_root / entry["jpeg"]).convert("RGB").split()
    return max(r - g for r, g in zip(red.tobytes(), green.tobytes(), strict=True))


@pytest.mark.parametrize(
    "size, aspect, focal, box",
    [
        ((1600, 600), (16, 9), (50, 50), (266, 0, 1333, 600)),
        ((1600, 600), (16, 9), (95, 50), (533, 0, 1600, 600)),  # at the edge: as far as it goes
        ((1600, 600), (16, 9), (0, 0), (0, 0, 1067, 600)),
        ((600, 1600), (1200, 630), (50, 10), (0, 2, 600, 317)),
        ((600, 1600), (1200, 630), (50, 80), (0, 1122, 600, 1437)),
    ],
)
def test_crops_keep_the_focal_point_in_frame(size, aspect, focal, box):
    assert crop_box(size, aspect, focal) == box


@pytest.mark.django_db
def test_cards_and_share_images_are_cut_around_the_focal_point(
    client, desk_editor, media_root, django_capture_on_commit_callbacks
):
    image = library_image("مبنى البلدية", data=two_halves())
    card, share = image.crops["card"][-1], image.crops["share"][-1]
    assert card["width"] / card["height"] == pytest.approx(16 / 9, rel=0.01)
    assert (share["width"], share["height"]) == (1143, 600)  # no wider than the photo
    assert reddest(media_root, card) < 50  # centred: the subject at the edge is cut off
    old_files = set(stored_files(media_root))

    client.force_login(desk_editor)
    with django_capture_on_commit_callbacks(execute=True):  # old files go after the commit
        response = client.post(
            f"/admin/images/image/{image.pk}/change/",
            {
                "alt_text": "مبنى البلدية",
                "caption": "",
                "credit": "",
                "focal_x": "95",
                "focal_y": "50",
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert reddest(media_root, image.crops["card"][-1]) > 150
    assert reddest(media_root, image.crops["share"][-1]) > 150
    assert "/share-1143w" in image.for_sharing.url
    # The crops of the old focal point are gone; the other renditions stay as they were.
    now = set(stored_files(media_root))

    def cropped(path):
        return path.name.startswith(("card-", "share-"))

    assert {p for p in old_files if not cropped(p)} == {p for p in now if not cropped(p)}
    assert not any(cropped(p) for p in old_files & now)
    assert len([p for p in now if cropped(p)]) == len([p for p in old_files if cropped(p)])
    # Saving again without moving it cuts nothing.
    image.alt_text = "مبنى البلدية القديم"
    image.save()
    assert set(stored_files(media_root)) == now


@pytest.mark.django_db
def test_the_focal_point_is_marked_on_the_image_form(client, desk_editor):
    image = library_image("جسر")
    client.force_login(desk_editor)
    html = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert "data-focal-point" in html and "/static/images/focal-point.js" in html
    assert 'name="focal_x"' in html and "النقطة المحورية أفقيًا" in html


@pytest.mark.django_db
def test_a_focal_point_off_the_photo_is_refused_in_arabic(client, desk_editor):
    image = library_image("جسر")
    client.force_login(desk_editor)
    response = client.post(
        f"/admin/images/image/{image.pk}/change/",
        {"alt_text": "جسر", "caption": "", "credit": "", "focal_x": "140", "focal_y": "50"},
    )
    assert response.status_code == 200
    assert "100" in response.content.decode() and json.dumps(image.crops)  # kept as it was
    image.refresh_from_db()
    assert image.focal_x == 50


@pytest.mark.django_db
def test_the_picker_uses_as_many_queries_for_a_large_library_as_for_a_small_one(client, writer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(writer)

    def queries(total):
        while Image.objects.count() < total:
            library_image(f"صورة {Image.objects.count()}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BROWSE, {"q": "صورة"}).status_code == 200
        return len(captured)

    assert queries(2) == queries(30)
