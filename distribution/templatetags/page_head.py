"""What goes in a page's <head> for search engines and share previews.

Canonical links, OpenGraph and Twitter card tags, and schema.org JSON-LD, with every
address absolute (articles.site.absolute_url).
"""

import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from newsroom.site import absolute_url, site_name

from .. import schema_org

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a string would end or confuse the element;
# JSON allows these escapes, so the data reads the same and cannot break out.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A <script type="application/ld+json"> element holding data, safe whatever the text."""
    payload = json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def share_image(request, article):
    """The image of a share preview: the lead image, else the newspaper's logo."""
    if article is not None and article.lead_image:
        picture = article.lead_image.for_sharing
        return {
            "url": absolute_url(request, picture.url),
            "width": picture.width,
            "height": picture.height,
            "alt": article.lead_image.alt_text,
            "large": True,
        }
    return {
        "url": absolute_url(request, static(schema_org.LOGO)),
        "width": schema_org.LOGO_WIDTH,
        "height": schema_org.LOGO_HEIGHT,
        "alt": site_name(),
        "large": False,
    }


@register.inclusion_tag("distribution/head/article.html", takes_context=True)
def article_head(context, article):
    """Canonical link, share preview and NewsArticle/BreadcrumbList data of an article page."""
    request = context["request"]
    trail = [
        (gettext("Home"), reverse("articles:home")),
        (article.category.name, article.category.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    ]
    return {
        "article": article,
        "site_name": site_name(),
        "canonical": absolute_url(request, article.get_absolute_url()),
        "image": share_image(request, article),
        "published": schema_org.iso_datetime(article.published_at),
        "modified": schema_org.iso_datetime(article.last_modified),
        "authors": [
            absolute_url(request, author.get_absolute_url()) for author in article.authors.all()
        ],
        "structured_data": [
            schema_org.news_article(request, article),
            schema_org.breadcrumb_list(request, trail),
        ],
    }


@register.inclusion_tag("distribution/head/listing.html", takes_context=True)
def listing_head(context, name, description, path, page_obj=None):
    """Canonical link, share preview and CollectionPage/BreadcrumbList data of a section,
    tag or author page. Later pages of the list are canonical as themselves."""
    request = context["request"]
    if page_obj is not None and page_obj.number > 1:
        path = f"{path}?page={page_obj.number}"
    canonical = absolute_url(request, path)
    articles = page_obj.object_list if page_obj is not None else []
    trail = [(gettext("Home"), reverse("articles:home")), (name, path)]
    return {
        "site_name": site_name(),
        "title": name,
        "description": description,
        "canonical": canonical,
        "image": share_image(request, None),
        "structured_data": [
            schema_org.collection_page(request, name, description, canonical, articles),
            schema_org.breadcrumb_list(request, trail),
        ],
    }


@register.inclusion_tag("distribution/head/home.html", takes_context=True)
def home_head(context):
    """Canonical link, share preview and WebSite/Organization data of the home page."""
    request = context["request"]
    return {
        "site_name": site_name(),
        "canonical": absolute_url(request, reverse("articles:home")),
        "image": share_image(request, None),
        "structured_data": schema_org.home_page(request),
    }


@register.inclusion_tag("distribution/feed_links.html")
def feed_links(title, rss, atom):
    """<link rel="alternate"> elements that let feed readers find a page's feeds."""
    return {"title": title, "rss": rss, "atom": atom}
