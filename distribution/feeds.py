"""RSS 2.0 and Atom feeds of published articles: site-wide, per section, per tag, per author.

Each kind is one Feed class (RSS) with an Atom subclass. Every feed starts from
Article.objects.published(); links are absolute through newsroom.site.absolute_url.
"""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

from articles.cache_tags import show
from articles.models import Article, Author, Category
from newsroom.site import absolute_url, site_name

FEED_LENGTH = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class MediaElements:
    """Feed-generator additions: every author, and the lead image as Media RSS with its caption."""

    def add_authors(self, handler, item):
        raise NotImplementedError

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_authors(handler, item)
        image = item.get("lead_image")
        if image:
            handler.startElement("media:content", image["attributes"])
            if image["caption"]:
                handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
            if image["credit"]:
                handler.addQuickElement("media:credit", image["credit"])
            handler.endElement("media:content")


def hub_link(handler, element):
    """<link rel="hub"> naming the WebSub hub the newsdesk pings (WEBSUB_HUB), if any."""
    if settings.WEBSUB_HUB:
        handler.addQuickElement(element, "", {"rel": "hub", "href": settings.WEBSUB_HUB})


class NewsRssFeed(MediaElements, Rss201rev2Feed):
    """RSS 2.0 with Dublin Core creators and Media RSS."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        hub_link(handler, "atom:link")

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE, "xmlns:media": MEDIA_RSS}

    def add_authors(self, handler, item):
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class NewsAtomFeed(MediaElements, Atom1Feed):
    """Atom with one <author> per byline and Media RSS."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        hub_link(handler, "link")

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_authors(self, handler, item):
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")


class SiteFeed(Feed):
    """A feed of this site: Arabic, with absolute links from newsroom.site.absolute_url."""

    language = "ar"

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request (it lives in the URLconf), so each
        # request gets a copy of its own to remember the request for absolute links.
        feed = copy.copy(self)
        feed.request = request
        show(request, "feeds")
        return Feed.__call__(feed, request, *args, **kwargs)

    def feed_url(self, obj):
        return absolute_url(self.request, self.request.path)

    def tag_uri(self, date, name):
        """A permanent entry id (RFC 4151), the same whatever the entry's address becomes."""
        host = urlsplit(absolute_url(self.request, "/")).netloc
        return f"tag:{host},{date:%Y-%m-%d}:{name}"


class ArticleFeed(SiteFeed):
    """The newest published articles of the whole site, as RSS 2.0."""

    feed_type = NewsRssFeed

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_listing().prefetch_related("authors", "tags")[:FEED_LENGTH]

    def page_url(self, obj):
        return reverse("articles:home")

    def title(self, obj):
        return site_name()

    def description(self, obj):
        return gettext("The latest news from %(site)s") % {"site": site_name()}

    def link(self, obj):
        return absolute_url(self.request, self.page_url(obj))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries (type="html") are HTML; the standfirst is text.
        return escape(item.standfirst)

    def item_link(self, item):
        return absolute_url(self.request, item.get_absolute_url())

    def item_guid(self, item):
        return self.tag_uri(item.published_at, f"article-{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_modified

    def item_categories(self, item):
        return [item.category.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        if not item.lead_image:
            return []
        picture = item.lead_image.for_sharing
        # RSS asks for a length; 0 is the convention when it is not known.
        return [
            Enclosure(
                url=absolute_url(self.request, picture.url),
                length=str(picture.bytes or 0),
                mime_type=picture.mime_type,
            )
        ]

    def item_extra_kwargs(self, item):
        authors = [
            (author.name, absolute_url(self.request, author.get_absolute_url()))
            for author in item.authors.all()
        ]
        return {"authors": authors, "lead_image": self.lead_image_media(item)}

    def lead_image_media(self, item):
        if not item.lead_image:
            return None
        picture = item.lead_image.for_sharing
        attributes = {
            "url": absolute_url(self.request, picture.url),
            "type": picture.mime_type,
            "medium": "image",
        }
        if picture.width and picture.height:
            attributes.update(width=str(picture.width), height=str(picture.height))
        if picture.bytes:
            attributes["fileSize"] = str(picture.bytes)
        return {
            "attributes": attributes,
            "caption": item.lead_image.caption,
            "credit": item.lead_image.credit,
        }


class AtomVersion:
    """Makes a feed class Atom: same entries, Atom's vocabulary."""

    feed_type = NewsAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class LatestArticlesFeed(ArticleFeed):
    """The whole site, RSS 2.0: /feeds/rss/."""


class LatestArticlesAtomFeed(AtomVersion, LatestArticlesFeed):
    """The whole site, Atom: /feeds/atom/."""


class SectionFeed(ArticleFeed):
    """One section's articles, RSS 2.0: /sections/<slug>/rss/."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(category=obj)

    def page_url(self, obj):
        return obj.get_absolute_url()

    def title(self, obj):
        return f"{obj.name} | {site_name()}"

    def description(self, obj):
        return obj.description or gettext("The latest %(section)s news from %(site)s") % {
            "section": obj.name,
            "site": site_name(),
        }


class SectionAtomFeed(AtomVersion, SectionFeed):
    """One section's articles, Atom: /sections/<slug>/atom/."""


class TagFeed(ArticleFeed):
    """Articles with one tag, RSS 2.0: /tags/<slug>/rss/.

    Like the tag page, it exists only for tags that published articles carry.
    """

    def get_object(self, request, slug):
        tag = Article.objects.published().carrying_tag(slug)
        if tag is None:
            raise Http404
        return tag

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)

    def page_url(self, obj):
        return reverse("articles:tag", args=[obj.slug])

    def title(self, obj):
        return f"{obj.name} | {site_name()}"

    def description(self, obj):
        return gettext("Articles tagged “%(tag)s” on %(site)s") % {
            "tag": obj.name,
            "site": site_name(),
        }


class TagAtomFeed(AtomVersion, TagFeed):
    """Articles with one tag, Atom: /tags/<slug>/atom/."""


class AuthorFeed(ArticleFeed):
    """One author's articles, RSS 2.0: /authors/<slug>/rss/."""

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(authors=obj)

    def page_url(self, obj):
        return obj.get_absolute_url()

    def title(self, obj):
        return f"{obj.name} | {site_name()}"

    def description(self, obj):
        return gettext("Articles by %(author)s on %(site)s") % {
            "author": obj.name,
            "site": site_name(),
        }


class AuthorAtomFeed(AtomVersion, AuthorFeed):
    """One author's articles, Atom: /authors/<slug>/atom/."""
