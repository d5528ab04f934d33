"""The admin's home page as the desk of the person logged in.

Each panel is a short list of what waits for them, one click to each item,
and a link to the whole list. The articles app makes its own panels here;
other apps add theirs with `register` in their AppConfig.ready() (the comments
app adds the moderation queue), so this module imports none of them.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article
from .workflow import recent_since

# Items shown per panel; its title links to all of them.
PANEL_LENGTH = 5


@dataclass
class Item:
    """One line of a panel: what it is, where a click leads, when, and a detail."""

    title: str
    url: str
    time: object = None
    detail: str = ""


@dataclass
class Panel:
    """A titled short list, how many there are in all, and where to see them all."""

    key: str
    title: str
    count_label: str
    items: list = field(default_factory=list)
    more_url: str = ""
    empty: str = ""
    # True when the time of an item is still to come (scheduled articles).
    future: bool = False


_makers = []


def register(maker):
    """Add a panel: `maker(user)` returns a Panel, or None when it is not this user's."""
    if maker not in _makers:
        _makers.append(maker)
    return maker


def panels_for(user):
    """The panels of this user's dashboard, in the order they were registered."""
    return [panel for make in _makers if (panel := make(user)) is not None]


def article_panel_for(maker):
    """A panel of articles, only for those who may see articles (not moderators)."""

    def make(user):
        return maker(user) if user.has_perm("articles.view_article") else None

    make.__name__ = maker.__name__
    return register(make)


def count_articles(count):
    return ngettext("%(count)d article", "%(count)d articles", count) % {"count": count}


def article_panel(key, title, articles, query, *, empty, time_field, detail=None, future=False):
    """A panel of articles: the first few and how many in all, in two queries."""
    rows = articles.select_related("category").defer("body", "body_html")[:PANEL_LENGTH]
    items = [
        Item(
            title=article.title,
            url=reverse("admin:articles_article_change", args=[article.pk]),
            time=getattr(article, time_field),
            detail=detail(article) if detail else article.category.name,
        )
        for article in rows
    ]
    return Panel(
        key=key,
        title=title,
        count_label=count_articles(articles.count()),
        items=items,
        more_url=reverse("admin:articles_article_changelist") + query,
        empty=empty,
        future=future,
    )


# --- The articles' panels: what each role has to do --------------------------


def own_articles(user):
    """The articles carrying this user's byline, or None for a user without one."""
    author = getattr(user, "author", None)
    return None if author is None else Article.objects.filter(authors=author)


@article_panel_for
def my_drafts(user):
    own = own_articles(user)
    if own is None:
        return None
    return article_panel(
        "my-drafts",
        _("My drafts"),
        own.drafts().filter(returned_at__isnull=True).order_by("-updated_at", "-pk"),
        f"?state=draft&authors__id__exact={user.author.pk}",
        empty=_("You have no drafts."),
        time_field="updated_at",
    )


@article_panel_for
def came_back(user):
    own = own_articles(user)
    if own is None:
        return None
    return article_panel(
        "came-back",
        _("Came back from review"),
        own.returned().order_by("-returned_at", "-pk"),
        f"?state=returned&authors__id__exact={user.author.pk}",
        empty=_("Nothing came back from the editors."),
        time_field="returned_at",
        detail=lambda article: article.review_note,
    )


@article_panel_for
def waiting_for_review(user):
    if Article.may_publish(user):
        waiting, query = Article.objects.waiting_for_review(), "?state=review"
        empty = _("Nothing waits for review.")
    else:
        own = own_articles(user)
        if own is None:
            return None
        waiting = own.waiting_for_review()
        query = f"?state=review&authors__id__exact={user.author.pk}"
        empty = _("None of your articles waits for review.")
    return article_panel(
        "review",
        _("Waiting for review"),
        # The longest waiting first: review is first come, first served.
        waiting.order_by("updated_at", "pk"),
        query,
        empty=empty,
        time_field="updated_at",
    )


@article_panel_for
def scheduled(user):
    return article_panel(
        "scheduled",
        _("Scheduled"),
        Article.objects.on_desk_of(user).scheduled().order_by("published_at", "pk"),
        "?state=scheduled",
        empty=_("No article is scheduled."),
        time_field="published_at",
        future=True,
    )


@article_panel_for
def published_recently(user):
    return article_panel(
        "recent",
        _("Published in the last 24 hours"),
        Article.objects.on_desk_of(user).published().filter(published_at__gte=recent_since()),
        "?state=recent",
        empty=_("Nothing was published in the last 24 hours."),
        time_field="published_at",
    )
