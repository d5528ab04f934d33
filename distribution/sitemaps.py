"""What crawlers read: sitemap.xml (an index), the Google News sitemap and robots.txt.

Every sitemap starts from Article.objects.published(); sections, tags and authors are
listed only while they have published articles, with the time of their newest change.
Addresses are absolute through newsroom.site.absolute_url, so SITE_URL (or the
request, behind a proxy) decides them, not the sites framework.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Greatest
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.cache_tags import show
from articles.models import Article, Author, Category
from newsroom.site import absolute_url

NEWS_WINDOW = timedelta(hours=48)
# Google reads at most 1,000 articles from a news sitemap.
NEWS_LIMIT = 1000


def latest_change(prefix=""):
    """An article's last change (edit or publication), through the relation `prefix`."""
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at")


class ReaderSitemap(Sitemap):
    """A sitemap built for one request, whose absolute addresses start at the public site."""

    def __init__(self, request):
        self.site_root = urlsplit(absolute_url(request, "/"))

    def get_protocol(self, protocol=None):
        return self.site_root.scheme

    def get_domain(self, site=None):
        return self.site_root.netloc


def latest_article_change(**filters):
    """When the newest change among published articles (narrowed by filters) happened."""
    articles = Article.objects.published().filter(**filters)
    return articles.aggregate(latest=Max(latest_change()))["latest"]


class ArticleSitemap(ReaderSitemap):
    """Every published article."""

    # Well under the protocol's 50,000 so that each page renders quickly; the
    # index lists every page.
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at")

    def lastmod(self, article):
        return article.last_modified

    def get_latest_lastmod(self):
        return latest_article_change()


class GroupSitemap(ReaderSitemap):
    """Pages listing published articles (sections, tags, authors), dated by their newest change."""

    model = None
    related_name = None  # from the model to its articles
    article_field = None  # from an article to the model

    def items(self):
        return (
            self.model.objects.filter(**{f"{self.related_name}__in": Article.objects.published()})
            .annotate(lastmod=Max(latest_change(f"{self.related_name}__")))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        return latest_article_change(**{f"{self.article_field}__isnull": False})


class SectionSitemap(GroupSitemap):
    """Sections with published articles."""

    model = Category
    related_name = "articles"
    article_field = "category"


class TagSitemap(GroupSitemap):
    """Tags that readers can see: those of published articles."""

    model = Tag
    related_name = "article"
    article_field = "tags"

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])


class AuthorSitemap(GroupSitemap):
    """Authors with published articles."""

    model = Author
    related_name = "articles"
    article_field = "authors"


class NewsSitemap(ReaderSitemap):
    """Google News: articles published in the last 48 hours, newest first."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "title", "updated_at", "published_at")
        )

    def lastmod(self, article):
        return article.last_modified


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


@require_safe
@sitemap_views.x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: where each sitemap, and each page of a long one, lives."""
    show(request, "sitemaps")
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class(request)
        location = absolute_url(request, reverse("distribution:sitemap", args=[section]))
        last_change = sitemap.get_latest_lastmod()
        for page in range(1, sitemap.paginator.num_pages + 1):
            page_location = location if page == 1 else f"{location}?p={page}"
            entries.append(sitemap_views.SitemapIndexItem(page_location, last_change))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def sitemap(request, section):
    """/sitemap-<section>.xml: one sitemap of the index, paginated with ?p=."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    show(request, "sitemaps")
    return sitemap_views.sitemap(
        request,
        {section: SITEMAPS[section](request)},
        section=section,
        template_name="sitemaps/sitemap.xml",
    )


@require_safe
def news_sitemap(request):
    """/news-sitemap.xml: the Google News sitemap."""
    show(request, "sitemaps")
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap(request)}, template_name="sitemaps/news.xml"
    )


@require_safe
def robots_txt(request):
    """/robots.txt: crawl everything readers see, not the editor's desk; here are the sitemaps."""
    show(request, "sitemaps")
    context = {
        "disallowed": [reverse("admin:index")],
        "sitemaps": [
            absolute_url(request, reverse("distribution:sitemap-index")),
            absolute_url(request, reverse("distribution:news-sitemap")),
        ],
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
