"""The search index off the request (issue #18): an article's document is rebuilt by the
task worker, and `rebuild_search_index --background` leaves the whole rebuild to it in batches.
(With the immediate backend every other search test still sees the document at once.)"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from search.models import SearchDocument, SearchTerm

from .test_search_page import search

pytestmark = pytest.mark.django_db(transaction=True)


def index_tasks():
    return DBTaskResult.objects.filter(task_path="search.tasks.index_articles")


def test_a_saved_article_is_indexed_by_the_worker(client, worker, make_article):
    article = make_article("افتتاح جسر المشاة فوق الوادي")
    assert not SearchDocument.objects.exists()  # the save only enqueued the work
    assert index_tasks().get().args_kwargs["args"] == [article.pk, article.pk]
    assert "لا توجد مقالات" in search(client, "جسر")
    worker()
    assert "نتيجة واحدة" in search(client, "جسر")
    assert SearchTerm.objects.filter(term="جسر").exists()
    assert index_tasks().get().status == "SUCCESSFUL"


def test_the_worker_indexes_the_text_as_it_is_when_the_task_runs(client, worker, make_article):
    article = make_article("مهرجان الزيتون في القرية")
    Article.objects.filter(pk=article.pk).update(title="مهرجان العنب في القرية")
    worker()
    assert "نتيجة واحدة" in search(client, "العنب")
    assert "لا توجد مقالات" in search(client, "الزيتون")


def test_a_save_that_leaves_the_text_alone_enqueues_nothing(worker, make_article):
    article = make_article("تكريم المعلمين المتقاعدين")
    index_tasks().delete()
    article.is_featured = True
    article.save(update_fields=["is_featured"])
    assert not index_tasks().exists()


def test_rebuild_in_the_background_enqueues_batches_for_the_worker(client, worker, make_article):
    articles = [make_article(f"سوق الكتب المستعملة رقم {n}") for n in range(5)]
    worker()
    Article.objects.update(title="معرض الحرف اليدوية")  # update() bypasses save()
    assert "لا توجد مقالات" in search(client, "الحرف")
    out = StringIO()
    call_command("rebuild_search_index", "--background", "--batch-size", "2", stdout=out)
    assert "in 3 batches" in out.getvalue()
    ids = [a.pk for a in articles]
    assert sorted(t.args_kwargs["args"] for t in index_tasks().filter(status="READY")) == [
        [ids[0], ids[1]], [ids[2], ids[3]], [ids[4], ids[4]]]  # fmt: skip
    assert "لا توجد مقالات" in search(client, "الحرف")  # the command did not do the work
    worker()
    assert "5 نتائج" in search(client, "الحرف")
    assert "لا توجد مقالات" in search(client, "الكتب")


def test_publishing_or_withdrawing_an_article_rebuilds_its_document(client, worker, make_article):
    """The document's copies of status and publication time (what search leaves
    out by) follow a save that changes only them."""
    article = make_article("سباق القوارب الشراعية في الميناء", status=Article.Status.DRAFT)
    worker()
    assert "لا توجد مقالات" in search(client, "القوارب")
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
    article.save(update_fields=["status", "published_at"])
    worker()
    assert "نتيجة واحدة" in search(client, "القوارب")
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status"])
    worker()
    assert "لا توجد مقالات" in search(client, "القوارب")
    assert SearchDocument.objects.get(article=article).status == Article.Status.DRAFT


def test_a_scheduled_article_is_found_when_its_time_comes(client, worker, make_article):
    """Nothing is rebuilt at publication time: the rule of what readers may see
    reads the document's copy of the time against the clock."""
    article = make_article(
        "ندوة عن المخطوطات النادرة", published_at=timezone.now() + timedelta(hours=1)
    )
    worker()
    assert "لا توجد مقالات" in search(client, "المخطوطات")
    an_hour_ago = timezone.now() - timedelta(hours=1)  # the time comes: both copies moved back
    Article.objects.filter(pk=article.pk).update(published_at=an_hour_ago)
    SearchDocument.objects.filter(article=article).update(published_at=an_hour_ago)
    assert "نتيجة واحدة" in search(client, "المخطوطات")
    assert not index_tasks().filter(status="READY").exists()


def test_a_migration_that_changes_what_documents_hold_enqueues_their_rebuild(worker, make_article):
    """Applying search/0004 (particle bodies) leaves the rebuild of every document
    to the worker; other migrations enqueue nothing."""
    from django.db.migrations.loader import MigrationLoader

    from search.apps import rebuild_after_migrations

    articles = [make_article(f"معرض الكتاب رقم {n}") for n in range(3)]
    index_tasks().delete()
    nodes = MigrationLoader(None, ignore_no_migrations=True).graph.nodes
    rebuild_after_migrations(None, plan=[(nodes["search", "0003_document_visibility"], False)])
    assert not index_tasks().exists()
    rebuild_after_migrations(None, plan=[(nodes["search", "0004_particle_bodies"], True)])
    assert not index_tasks().exists()  # unapplied: nothing to rebuild for
    rebuild_after_migrations(None, plan=[(nodes["search", "0004_particle_bodies"], False)])
    ids = [a.pk for a in articles]
    assert [t.args_kwargs["args"] for t in index_tasks()] == [[ids[0], ids[-1]]]
