"""Template tags of the newsdesk's page slots."""

from urllib.parse import urlencode

from django import template

from distribution.schema_org import SCHEMA, iso_datetime, organization
from newsroom.site import absolute_url

from .. import breaking, live, readers

register = template.Library()


@register.simple_tag
def breaking_banners():
    return breaking.current_banners()


@register.simple_tag
def live_coverage(article):
    return live.coverage_of(article.pk)


@register.simple_tag
def most_read():
    return readers.most_read()


@register.inclusion_tag("newsdesk/share.html", takes_context=True)
def share_links(context, article):
    """Plain share links (no third-party script) carrying the article's canonical address."""
    url = absolute_url(context["request"], article.get_absolute_url())
    title = article.title
    text = f"{title} {url}"
    return {
        "url": url,
        "title": title,
        "links": [
            ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
            (
                "telegram",
                "Telegram",
                "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
            ),
            ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
            (
                "facebook",
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            ),
        ],
    }


@register.simple_tag(takes_context=True)
def live_blog_posting(context, article):
    """schema.org LiveBlogPosting of a live article, each update a BlogPosting; or None."""
    coverage = live.coverage_of(article.pk)
    if coverage is None or context.get("preview"):
        return None
    request = context["request"]
    url = absolute_url(request, article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "LiveBlogPosting",
        "@id": url + "#live",
        "url": url,
        "headline": article.title,
        "inLanguage": "ar",
        "datePublished": iso_datetime(article.published_at),
        "publisher": organization(request),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": update.text[:110],
                "articleBody": update.text,
                "datePublished": iso_datetime(update.published_at),
                "url": f"{url}#update-{update.pk}",
            }
            for update in coverage.updates
        ],
    }
    if coverage.is_live:
        data["coverageStartTime"] = iso_datetime(article.published_at)
    if coverage.updates:
        data["dateModified"] = iso_datetime(coverage.updates[0].published_at)
    return data
