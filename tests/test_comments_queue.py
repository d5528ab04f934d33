"""The moderation queue in the admin: cards, one-POST decisions, undo, filters with counts."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from comments.models import BlockedWord, Comment

from .commenting import approve, post_comment
from .conftest import count_queries

QUEUE = "/admin/comments/comment/queue/"
DECIDE = "/admin/comments/comment/queue/decide/"
UNDO = "/admin/comments/comment/queue/undo/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def no_flood_limits(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    settings.COMMENTS_HOURLY_LIMIT_PER_IP = 0


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderating(moderator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    return client


def csrf(client):
    """The token a moderator's page carries (the queue's own forms)."""
    html = client.get(QUEUE + "?status=all").content.decode()
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


@pytest.mark.django_db
def test_a_card_shows_what_a_moderator_needs(moderating, published):
    post_comment(Client(), published, name="سلمى", email="salma@example.org", body="سؤال أول")
    parent = Comment.objects.get()
    approve(parent)
    long_text = "هذا تعليق طويل يشرح فيه القارئ رأيه في الميزانية بالتفصيل. " * 5
    post_comment(Client(), published, name="كريم", email="karim@example.org", body=long_text,
                 reply_to=parent.pk, ip="203.0.113.9")  # fmt: skip
    html = moderating.get(QUEUE).content.decode()
    card = html[html.index('class="mq-card') :]
    assert long_text.strip() in card  # the full text, not an excerpt
    assert "<bdi" in card and "كريم" in card
    assert f'href="{published.get_absolute_url()}"' in card and published.title in card
    assert "ردًا على" in card and "سلمى" in card and "سؤال أول" in card  # the parent
    assert "karim@example.org" in card
    assert Comment.objects.get(name="كريم").ip_hash[:12] in card
    assert card.count('name="csrfmiddlewaretoken"') >= 1
    for label in ["اعتمد", "مزعج", "أزل"]:
        assert label in card


@pytest.mark.django_db
def test_one_post_decides_records_the_moderator_and_can_be_undone(moderating, moderator, published):
    post_comment(Client(), published, body="ينتظر قرارًا")
    comment = Comment.objects.get()
    token = csrf(moderating)
    data = {"comment": comment.pk, "decision": "approve", "csrfmiddlewaretoken": token}
    response = moderating.post(DECIDE, data, **JSON)
    assert response.status_code == 200
    result = response.json()
    assert result["ok"] and result["counts"]["pending"] == 0 and result["counts"]["approved"] == 1
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by == moderator
    assert "ينتظر قرارًا" in Client().get(published.get_absolute_url()).content.decode()

    undo = moderating.post(UNDO, {"undo": result["undo"], "csrfmiddlewaretoken": token}, **JSON)
    assert undo.status_code == 200 and undo.json()["counts"]["pending"] == 1
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.moderated_by is None
    assert comment.moderated_at is None
    # The same note cannot undo twice, nor a decision someone changed since.
    again = moderating.post(UNDO, {"undo": result["undo"], "csrfmiddlewaretoken": token}, **JSON)
    assert again.status_code == 409 and not again.json()["ok"]


@pytest.mark.django_db
def test_undo_expires(moderating, published, settings):
    post_comment(Client(), published)
    comment = Comment.objects.get()
    token = csrf(moderating)
    data = {"comment": comment.pk, "decision": "spam", "csrfmiddlewaretoken": token}
    note = moderating.post(DECIDE, data, **JSON).json()["undo"]
    settings.COMMENTS_UNDO_SECONDS = -1
    late = moderating.post(UNDO, {"undo": note, "csrfmiddlewaretoken": token}, **JSON)
    assert late.status_code == 400 and "فات أوان" in late.json()["message"]
    assert Comment.objects.get().status == "spam"


@pytest.mark.django_db
def test_decisions_need_the_csrf_token_and_a_post(moderating, published):
    post_comment(Client(), published)
    comment = Comment.objects.get()
    assert (
        moderating.post(DECIDE, {"comment": comment.pk, "decision": "approve"}).status_code == 403
    )
    assert moderating.get(DECIDE, {"comment": comment.pk, "decision": "approve"}).status_code == 405
    assert Comment.objects.get().status == "pending"


@pytest.mark.django_db
def test_without_javascript_a_decision_returns_to_the_queue_with_an_undo_button(
    moderating, published
):
    post_comment(Client(), published)
    comment = Comment.objects.get()
    data = {"comment": comment.pk, "decision": "remove", "csrfmiddlewaretoken": csrf(moderating),
            "next": QUEUE + "?order=newest"}  # fmt: skip
    response = moderating.post(DECIDE, data)
    assert response.status_code == 302 and response["Location"] == QUEUE + "?order=newest"
    html = moderating.get(response["Location"]).content.decode()
    assert "أُزيل" in html and "تراجع عن القرار الأخير" in html
    assert Comment.objects.get().status == "removed"
    foreign = {**data, "next": "https://evil.example/"}
    assert moderating.post(DECIDE, foreign)["Location"] == QUEUE


@pytest.mark.django_db
def test_bad_decisions_get_an_arabic_message_not_an_error(moderating, published):
    token = csrf(moderating)
    for data in [{"comment": "99999", "decision": "approve"}, {"comment": "x"}, {}]:
        response = moderating.post(DECIDE, {**data, "csrfmiddlewaretoken": token}, **JSON)
        assert response.status_code == 404 and "لم يعد هذا التعليق" in response.json()["message"]
    bad = moderating.post(UNDO, {"undo": "forged", "csrfmiddlewaretoken": token}, **JSON)
    assert bad.status_code == 400


@pytest.mark.django_db
def test_filters_and_their_counts(moderating, published, make_article):
    other = make_article("خبر آخر عن الطقس")
    BlockedWord.objects.create(word="خائن", action=BlockedWord.Action.REVIEW)
    post_comment(Client(), published, email="one@example.org", body="عادي")
    post_comment(Client(), published, email="one@example.org", body="إنه خائن")
    post_comment(Client(), other, email="two@example.org", body="عن الطقس")
    post_comment(Client(), other, email="two@example.org", body="منشور")
    approve(Comment.objects.get(body="منشور"))

    def shown(query=""):
        html = moderating.get(QUEUE + query).content.decode()
        ids = {int(pk) for pk in re.findall(r'id="mq-comment-(\d+)"', html)}
        return set(Comment.objects.filter(pk__in=ids).values_list("body", flat=True))

    assert shown() == {"عادي", "إنه خائن", "عن الطقس"}
    assert shown("?status=review") == {"إنه خائن"}
    assert shown(f"?article={other.pk}") == {"عن الطقس"}
    assert shown("?status=approved") == {"منشور"}
    key = Comment.objects.get(body="عادي").commenter_key
    assert shown(f"?status=all&commenter={key}") == {"عادي", "إنه خائن"}
    html = moderating.get(QUEUE + f"?article={published.pk}").content.decode()
    assert 'data-count="pending">2<' in html and 'data-count="review">1<' in html
    assert 'data-count="approved">0<' in html
    assert f"({2})" in html.split(published.title)[1][:20]  # waiting on this article

    # Oldest first unless asked.
    def order(query=""):
        html = moderating.get(QUEUE + query).content.decode()
        ids = [int(pk) for pk in re.findall(r'id="mq-comment-(\d+)"', html)]
        return [Comment.objects.get(pk=pk).body for pk in ids]

    assert order() == ["عادي", "إنه خائن", "عن الطقس"]
    assert order("?order=newest") == ["عن الطقس", "إنه خائن", "عادي"]
    # Nonsense in the query string falls back to the defaults.
    assert moderating.get(QUEUE + "?status=x&article=y&order=z").status_code == 200


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_5_or_40_comments(moderating, published, make_article):
    articles = [published, make_article()]
    parent = Comment.objects.create(article=published, name="أ", email="p@example.org", body="أصل")
    approve(parent)

    def grow(n):
        while Comment.objects.count() < n:
            i = Comment.objects.count()
            reply_to = parent.pk if i % 2 == 0 else None
            article = published if reply_to else articles[i % 2]
            email = f"r{i % 3}@example.org"
            post_comment(Client(), article, email=email, body=f"تعليق {i}", reply_to=reply_to)

    grow(5)
    few = count_queries(moderating, QUEUE)
    grow(40)
    assert count_queries(moderating, QUEUE) == few
    # Session, user, the user's and the group's permissions; then the status
    # counts, the article filter and the cards (parents and commenter totals joined).
    assert few == 7, few


@pytest.mark.django_db
def test_only_moderators_see_the_queue(client, editor, published, moderator):
    post_comment(Client(), published, email="private@example.org")
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403
    assert client.post(DECIDE, {"comment": 1, "decision": "approve"}).status_code == 403
    anonymous = Client()
    assert anonymous.get(QUEUE).status_code == 302  # to the login page
    # Viewing without the change permission: cards, no buttons.
    viewer = User.objects.create_user("viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    html = client.get(QUEUE).content.decode()
    assert "private@example.org" in html and 'name="decision"' not in html
    assert client.post(DECIDE, {"comment": 1, "decision": "approve"}).status_code == 403


@pytest.mark.django_db
def test_the_admin_index_and_the_changelist_lead_to_the_queue(moderating, published):
    post_comment(Client(), published)
    html = moderating.get("/admin/").content.decode()
    assert f'href="{QUEUE}"' in html
    changelist = moderating.get("/admin/comments/comment/").content.decode()
    assert f'href="{QUEUE}"' in changelist
    assert 'name="action"' in changelist  # bulk actions stay on the list


@pytest.mark.django_db
def test_a_removed_comment_sent_again_cannot_be_brought_back_as_a_second_copy(
    moderating, published
):
    post_comment(Client(), published, email="again@example.org", body="نص أرسل مرتين")
    first = Comment.objects.get()
    token = csrf(moderating)
    removal = {"comment": first.pk, "decision": "remove", "csrfmiddlewaretoken": token}
    note = moderating.post(DECIDE, removal, **JSON).json()["undo"]
    post_comment(Client(), published, email="again@example.org", body="نص أرسل مرتين")
    assert Comment.objects.filter(status="pending").count() == 1  # the copy sent again
    for response in [
        moderating.post(UNDO, {"undo": note, "csrfmiddlewaretoken": token}, **JSON),
        moderating.post(DECIDE, {**removal, "decision": "approve"}, **JSON),
    ]:
        assert response.status_code == 409
        assert "أرسل المعلّق التعليق نفسه مرة أخرى" in response.json()["message"]
    first.refresh_from_db()
    assert first.status == "removed"
    bulk = moderating.post(
        "/admin/comments/comment/?status=all",
        {"action": "approve", "_selected_action": [first.pk], "csrfmiddlewaretoken": token},
        follow=True,
    )
    assert "أرسل المعلّق التعليق نفسه مرة أخرى" in bulk.content.decode()
    first.refresh_from_db()
    assert first.status == "removed"


@pytest.mark.django_db
def test_a_decision_costs_a_fixed_number_of_queries(moderating, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        post_comment(Client(), published, body=f"تعليق {n}")
    token = csrf(moderating)
    first, *others = Comment.objects.order_by("pk")
    data = {"comment": first.pk, "decision": "approve", "csrfmiddlewaretoken": token}
    with CaptureQueriesContext(connection) as queries:
        assert moderating.post(DECIDE, data, **JSON).status_code == 200
    # Session, user, two permission lookups; the comment; the save (in a
    # savepoint on PostgreSQL and SQLite alike); the new counts.
    assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) == 7, [
        q["sql"][:80] for q in queries
    ]
