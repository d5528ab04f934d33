"""Media in S3-compatible storage (MEDIA_STORAGE=s3): uploads, renditions, pages and deletion
all go through Django's storage API, so a bucket serves every app server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from images.models import Image

from .factories import jpeg_bytes
from .s3 import S3Server

ROOT = Path(__file__).resolve().parent.parent
CDN = "media.example-cdn.test"


@pytest.fixture(scope="module")
def s3():
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(s3, settings):
    settings.STORAGES = {**settings.STORAGES, "default": s3.storage_settings(CDN)}
    return s3


@pytest.mark.django_db(transaction=True)
def test_an_upload_and_its_renditions_are_stored_in_the_bucket(client, editor, s3_storage):
    before = s3_storage.keys()
    client.force_login(editor)
    response = client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile("ميناء.jpg", jpeg_bytes(800, 450), "image/jpeg"),
            "alt_text": "سفن في ميناء المدينة",
            "caption": "الميناء صباحًا",
            "credit": "",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    stored = s3_storage.keys() - before
    assert image.stored_names() == stored
    assert image.renditions and image.crops  # every size and shape, in the bucket too
    assert image.url.startswith(f"https://{CDN}/images/")
    assert image.rendition(320).url.startswith(f"https://{CDN}/")

    with transaction.atomic():
        image.delete()
        assert s3_storage.keys() >= stored  # still there until the deletion commits
    assert not s3_storage.keys() & stored


@pytest.mark.django_db(transaction=True)
def test_reader_pages_serve_pictures_from_the_bucket_address(client, make_article, s3_storage):
    article = make_article("صورة من المخزن", image=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'src="https://{CDN}/images/' in html
    assert f'srcset="https://{CDN}/images/' in html


def settings_error(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_"))}
    environment.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="1")
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.STORAGES"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stderr


def test_s3_storage_without_a_bucket_refuses_to_start():
    code, error = settings_error(MEDIA_STORAGE="s3")
    assert code != 0 and "AWS_STORAGE_BUCKET_NAME" in error
    code, error = settings_error(MEDIA_STORAGE="ftp")
    assert code != 0 and "MEDIA_STORAGE must be" in error
    assert settings_error(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="news")[0] == 0
