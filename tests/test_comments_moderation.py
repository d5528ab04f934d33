"""Moderation in the admin: the queue, the actions, the Moderators group, notifications."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article
from comments.models import Comment

from .commenting import post_comment


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def comments(client, published):
    post_comment(client, published, name="منتظر", email="waiting@example.org", body="ينتظر")
    post_comment(client, published, name="معتمد", email="approved@example.org", body="اعتمد")
    Comment.objects.filter(name="معتمد").update(status=Comment.Status.APPROVED)
    return Comment.objects.order_by("pk")


@pytest.mark.django_db
def test_moderators_group_is_created_by_migration_with_comment_permissions_only():
    codenames = set(
        Group.objects.get(name="Moderators").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert ("comments", "change_comment") in codenames
    assert ("comments", "view_comment") in codenames
    assert ("comments", "add_blockedword") in codenames
    assert {app for app, _ in codenames} == {"comments"}


@pytest.mark.django_db
def test_comment_list_opens_on_pending_with_the_columns_moderators_need(
    client, moderator, comments
):
    client.force_login(moderator)
    html = client.get("/admin/comments/comment/").content.decode()
    assert "ينتظر" in html and "اعتمد" not in html
    assert "waiting@example.org" in html and '<bdi class="comment-list-name">منتظر</bdi>' in html
    assert "المجلس البلدي يقر ميزانية" in html  # the article
    everything = client.get("/admin/comments/comment/?status=all").content.decode()
    assert "ينتظر" in everything and "اعتمد" in everything
    approved = client.get("/admin/comments/comment/?status=approved").content.decode()
    assert "اعتمد" in approved and "ينتظر" not in approved


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action, status", [("approve", "approved"), ("mark_spam", "spam"), ("remove", "removed")]
)
def test_bulk_actions_record_who_moderated_and_when(
    client, moderator, comments, published, action, status
):
    client.force_login(moderator)
    pending = comments.get(status="pending")
    response = client.post(
        "/admin/comments/comment/", {"action": action, "_selected_action": [pending.pk]}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == status
    assert pending.moderated_by == moderator and pending.moderated_at is not None
    page = client.get(published.get_absolute_url()).content.decode()
    assert ("ينتظر" in page) == (status == "approved")


@pytest.mark.django_db
def test_approving_from_the_change_form_records_the_moderator(client, moderator, comments):
    client.force_login(moderator)
    pending = comments.get(status="pending")
    url = f"/admin/comments/comment/{pending.pk}/change/"
    form = client.get(url).content.decode()
    assert "waiting@example.org" in form
    assert client.post(url, {"status": "approved"}).status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.moderated_by) == ("approved", moderator)
    assert pending.body == "ينتظر"  # what the reader wrote is read-only


@pytest.mark.django_db
def test_moderators_can_do_nothing_to_articles(client, moderator, published):
    client.force_login(moderator)
    assert client.get(f"/admin/articles/article/{published.pk}/change/").status_code == 403
    assert client.get("/admin/articles/article/").status_code == 403
    assert client.get("/admin/articles/article/add/").status_code == 403
    response = client.post(
        f"/admin/articles/article/{published.pk}/change/", {"title": "عنوان مختلف"}
    )
    assert response.status_code == 403
    assert client.post(f"/admin/articles/article/{published.pk}/delete/").status_code == 403
    assert client.get("/admin/images/image/").status_code == 403
    assert client.get(f"/preview/{published.pk}/").status_code == 404
    published.refresh_from_db()
    assert published.title == "المجلس البلدي يقر ميزانية العام الجديد"
    assert Article.objects.filter(pk=published.pk).exists()


@pytest.mark.django_db
def test_emails_are_only_for_users_with_comment_permissions(client, editor, comments, published):
    client.force_login(editor)
    assert client.get("/admin/comments/comment/").status_code == 403
    assert client.get(f"/admin/comments/comment/{comments[0].pk}/change/").status_code == 403
    for url in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{published.pk}/change/",
        f"/admin/articles/article/{published.pk}/delete/",
        f"/admin/articles/article/{published.pk}/history/",
    ]:
        html = client.get(url).content.decode()
        assert "waiting@example.org" not in html and "approved@example.org" not in html, url


@pytest.mark.django_db
def test_pending_count_is_on_the_article_list_and_links_to_the_queue(
    client, comments, published, admin_user, editor
):
    client.force_login(admin_user)
    html = client.get("/admin/articles/article/").content.decode()
    queue = f"/admin/comments/comment/queue/?status=pending&amp;article={published.pk}"
    assert "تعليقات بانتظار المراجعة" in html
    assert f'<a href="{queue}">1</a>' in html
    listed = client.get(queue.replace("&amp;", "&")).content.decode()
    waiting, approved = comments.get(status="pending"), comments.get(status="approved")
    assert f'id="mq-comment-{waiting.pk}"' in listed
    assert f'id="mq-comment-{approved.pk}"' not in listed
    # Editors without comment permissions see the number, not a link they cannot open.
    client.force_login(editor)
    html = client.get("/admin/articles/article/").content.decode()
    assert "تعليقات بانتظار المراجعة" in html and queue not in html


@pytest.mark.django_db
def test_article_change_form_reaches_its_comments(client, admin_user, comments, published):
    client.force_login(admin_user)
    html = client.get(f"/admin/articles/article/{published.pk}/change/").content.decode()
    assert "تعليقان، 1 بانتظار المراجعة" in html
    assert f"/admin/comments/comment/queue/?status=all&amp;article={published.pk}" in html


@pytest.mark.django_db
def test_editors_can_delete_an_article_with_its_comments(client, editor, comments, published):
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{published.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists() and not Comment.objects.exists()


@pytest.mark.django_db
def test_moderators_are_told_of_new_pending_comments(
    client, published, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, published, name="ليلى", email="layla.secret@example.org", body="سؤال")
    comment = Comment.objects.get()
    [mail] = mailoutbox
    assert mail.to == ["desk@example.org"]
    assert "تعليق جديد بانتظار المراجعة" in mail.subject
    assert "ليلى" in mail.body and "سؤال" in mail.body
    assert f"/admin/comments/comment/{comment.pk}/change/" in mail.body
    assert "layla.secret@example.org" not in mail.body


@pytest.mark.django_db
def test_no_notification_without_addresses_or_for_spam(
    client, published, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from comments.models import BlockedWord

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, published)
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    BlockedWord.objects.create(word="قمار")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, published, body="قمار")
    assert Comment.objects.count() == 2
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_failing_mail_server_does_not_lose_the_comment(
    client, published, settings, django_capture_on_commit_callbacks, caplog
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert post_comment(client, published).status_code == 303
    assert len(callbacks) == 1
    assert Comment.objects.count() == 1
    # The sending failed in the background, was logged, and was tried again.
    failures = [r for r in caplog.records if r.name == "newsroom.background"]
    assert len(failures) == settings.TASK_ATTEMPTS
    assert "send_moderator_notice" in failures[0].getMessage()


@pytest.mark.django_db(transaction=True)
def test_the_email_is_sent_by_the_worker_not_the_request(client, published, settings, mailoutbox):
    from .background_tasks import DATABASE_TASKS, run_worker

    settings.TASKS = DATABASE_TASKS
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    assert post_comment(client, published, body="سؤال للمحرر").status_code == 303
    assert mailoutbox == []  # the reader did not wait for the mail server
    run_worker()
    [mail] = mailoutbox
    assert "سؤال للمحرر" in mail.body


@pytest.mark.django_db
def test_admin_index_shows_the_pending_count_to_moderators_only(
    client, moderator, editor, comments
):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    # The dashboard's panel of the moderation queue (comments/dashboard.py).
    assert '<a href="/admin/comments/comment/queue/">تعليقات تنتظر الإشراف</a>' in html
    assert "تعليق واحد" in html
    assert "المقالات" not in html  # nothing of the articles app for moderators
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "تعليقات تنتظر الإشراف" not in html and "المقالات" in html
