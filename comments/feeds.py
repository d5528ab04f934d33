"""The comments feed of an article: approved comments only, names and text, never an email."""

from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext

from articles.cache_tags import show
from articles.models import Article
from distribution.feeds import SiteFeed
from newsroom.site import absolute_url

from .models import Comment

FEED_LENGTH = 50


class ArticleCommentsFeed(SiteFeed):
    """The newest approved comments on one published article, RSS 2.0: /comments/<slug>/rss/."""

    def get_object(self, request, slug):
        # Each request has its own copy of the feed (SiteFeed), so it may keep the article.
        self.article = get_object_or_404(Article.objects.published(), slug=slug)
        show(request, f"article:{self.article.pk}")  # its approved comments purge it
        return self.article

    def items(self, article):
        # Only what the feed shows is loaded: the email address stays in the database.
        return (
            Comment.objects.approved()
            .filter(article=article)
            .only("pk", "article_id", "name", "body", "created_at")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def title(self, article):
        return gettext("Comments on: %(title)s") % {"title": article.title}

    def description(self, article):
        return gettext("Readers' comments on %(title)s, after moderation.") % {
            "title": article.title
        }

    def link(self, article):
        return absolute_url(self.request, article.get_absolute_url())

    def item_title(self, comment):
        return gettext("Comment by %(name)s") % {"name": comment.name}

    def item_description(self, comment):
        # Readers' text is plain text: escaped, its line breaks kept.
        return linebreaksbr(escape(comment.body))

    def item_link(self, comment):
        return f"{self.link(self.article)}#comment-{comment.pk}"

    def item_guid(self, comment):
        return self.tag_uri(comment.created_at, f"comment-{comment.pk}")

    item_guid_is_permalink = False

    def item_author_name(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.created_at


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    """The same comments as Atom: /comments/<slug>/atom/."""

    feed_type = Atom1Feed

    def subtitle(self, article):
        return self.description(article)
