"""Background work: renditions are cut by the task worker, not in the editor's request;
a task that fails is logged, run again, and never lost silently."""

import logging

import pytest
from django_tasks_db.models import DBTaskResult

from images.models import Image

from .background_tasks import DATABASE_TASKS, run_worker
from .factories import jpeg_bytes, library_image


@pytest.mark.django_db(transaction=True)
def test_renditions_are_cut_by_the_worker(settings, client, make_article):
    settings.TASKS = DATABASE_TASKS
    image = library_image(data=jpeg_bytes(700, 400))
    assert image.renditions == [] and image.width == 700
    article = make_article("صورة تنتظر مقاساتها", lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{image.url}"' in html  # the original, until renditions exist

    run_worker()
    image.refresh_from_db()
    assert [r["width"] for r in image.renditions] == [320, 640, 700]
    html = client.get(article.get_absolute_url()).content.decode()
    assert image.rendition(640).url in html
    renditions = DBTaskResult.objects.get(task_path="images.tasks.make_renditions")
    assert renditions.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_logged_and_tried_again(settings, caplog, media_root):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_ATTEMPTS, settings.TASK_RETRY_SECONDS = 2, 0
    image = library_image(data=jpeg_bytes(500, 300))
    image.file.storage.delete(image.file.name)  # the worker will not find the file
    with caplog.at_level(logging.ERROR, logger="newsroom.background"):
        run_worker()
        run_worker()  # the second attempt, enqueued by the first
    failures = [r for r in caplog.records if r.name == "newsroom.background"]
    messages = [record.getMessage() for record in failures]
    assert len(messages) == 2
    assert messages[0].endswith("it will run again") and messages[1].endswith("giving up")
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "FAILED"]
    assert Image.objects.get(pk=image.pk).renditions == []
