"""The admin's home page is the desk of whoever is logged in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .conftest import count_queries, desk_user


def panel(html, key):
    """The HTML of one dashboard panel."""
    start = html.index(f'id="panel-{key}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def moderator(db):
    return desk_user("moderator", "Moderators")


@pytest.fixture
def desk(make_article, writer, other_writer):
    now = timezone.now()
    return {
        "mine": make_article(
            "مسودتي عن النقل", status=Article.Status.DRAFT, authors=[writer.author]
        ),
        "theirs": make_article(
            "مسودة زميل عن المياه", status=Article.Status.DRAFT, authors=[other_writer.author]
        ),
        "review": make_article(
            "تقرير ينتظر المراجعة", status=Article.Status.REVIEW, authors=[writer.author]
        ),
        "scheduled": make_article("خبر الغد", published_at=now + timedelta(hours=3)),
        "recent": make_article("خبر نُشر صباحًا", published_at=now - timedelta(hours=2)),
        "old": make_article("خبر الأسبوع الماضي", published_at=now - timedelta(days=7)),
    }


@pytest.mark.django_db
def test_writer_sees_their_own_desk(client, writer, desk):
    client.force_login(writer)
    html = client.get("/admin/").content.decode()
    assert desk["mine"].title in panel(html, "my-drafts")
    assert desk["theirs"].title not in html
    assert desk["review"].title in panel(html, "review")
    assert "comments" not in html.split('id="panel-', 1)[-1].split('"', 1)[0]


@pytest.mark.django_db
def test_editor_sees_review_scheduled_and_recent(client, desk_editor, desk):
    client.force_login(desk_editor)
    html = client.get("/admin/").content.decode()
    review = panel(html, "review")
    assert desk["review"].title in review and "مقال واحد" in review
    scheduled = panel(html, "scheduled")
    assert desk["scheduled"].title in scheduled
    local = timezone.localtime(desk["scheduled"].published_at)
    assert f"{local.day} " in scheduled and local.strftime("%H:%M") in scheduled
    assert "بعد 3 ساعات" in scheduled or "بعد ساعتين" in scheduled
    recent = panel(html, "recent")
    assert desk["recent"].title in recent and desk["old"].title not in recent
    # One click to each: the title links to the article's form.
    assert f"/admin/articles/article/{desk['review'].pk}/change/" in review
    assert 'id="panel-comments"' not in html


@pytest.mark.django_db
def test_moderator_sees_the_comments_waiting(client, moderator, desk):
    from comments.models import Comment

    for n in range(3):
        Comment.objects.create(
            article=desk["recent"],
            name=f"قارئ {n}",
            email=f"r{n}@example.com",
            body="رأيي في الخبر.",
        )
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    comments = panel(html, "comments")
    assert "3 تعليقات" in comments and "قارئ 0" in comments
    assert "/admin/comments/comment/queue/" in comments


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["writer", "desk_editor", "moderator"])
def test_dashboard_queries_are_pinned(client, request, role, make_article, writer):
    user = request.getfixturevalue(role)
    client.force_login(user)

    def grow(n):
        for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED):
            for _ in range(n):
                make_article(status=status, authors=[writer.author])
        return "/admin/"

    few = count_queries(client, grow(1))
    many = count_queries(client, grow(8))
    assert few == many == DASHBOARD_QUERIES[role]


# The session, the user, their permissions (2), their byline, two per panel
# (its first items, how many in all: five panels of articles, or the comments'
# one for a moderator), and the recent actions.
DASHBOARD_QUERIES = {"writer": 16, "desk_editor": 16, "moderator": 7}
