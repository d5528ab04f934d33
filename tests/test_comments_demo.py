"""The demo comments command used by `make run`."""

import pytest
from django.core.management import call_command

from comments.models import Comment


@pytest.mark.django_db
def test_demo_comments_are_added_once(make_article, capsys):
    for _ in range(3):
        make_article()
    call_command("load_demo_comments")
    call_command("load_demo_comments")
    assert "0 added" in capsys.readouterr().out
    assert Comment.objects.count() == 6
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {Comment.Status.APPROVED, Comment.Status.PENDING}
    reply = Comment.objects.get(parent__isnull=False)
    assert reply.parent.status == reply.status == Comment.Status.APPROVED
    assert reply.article == reply.parent.article


@pytest.mark.django_db
def test_demo_comments_need_published_articles(capsys):
    call_command("load_demo_comments")
    assert "No published articles" in capsys.readouterr().out
    assert not Comment.objects.exists()
