"""What search engines are told about pages, as schema.org JSON-LD (plain dicts).

The page head templates turn these into <script type="application/ld+json"> with the
`json_ld` filter (articles/templatetags/page_head.py), which makes them safe there.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from newsroom.site import absolute_url, site_name

SCHEMA = "https://schema.org"
LANGUAGE = "ar"
# static/img/logo.png; its size is fixed here so that no page opens the file.
LOGO = "img/logo.png"
LOGO_WIDTH = LOGO_HEIGHT = 512


def iso_datetime(value):
    """ISO 8601 in the site's time zone, to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def logo(request):
    return {
        "@type": "ImageObject",
        "url": absolute_url(request, static(LOGO)),
        "width": LOGO_WIDTH,
        "height": LOGO_HEIGHT,
    }


def organization(request):
    """The newspaper as publisher."""
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute_url(request, reverse("articles:home")),
        "logo": logo(request),
    }


def home_page(request):
    """The home page: the website and the organization that publishes it."""
    home = absolute_url(request, reverse("articles:home"))
    return [
        {
            "@context": SCHEMA,
            "@type": "WebSite",
            "name": site_name(),
            "url": home,
            "inLanguage": LANGUAGE,
            "publisher": organization(request),
        },
        {"@context": SCHEMA, **organization(request)},
    ]


def lead_image(request, article):
    """The lead image as an ImageObject, or None."""
    if not article.lead_image:
        return None
    picture = article.lead_image.for_sharing
    image = {"@type": "ImageObject", "url": absolute_url(request, picture.url)}
    if picture.width and picture.height:
        image.update(width=picture.width, height=picture.height)
    if article.lead_image.caption:
        image["caption"] = article.lead_image.caption
    if article.lead_image.credit:
        image["creditText"] = article.lead_image.credit
    return image


def news_article(request, article):
    """A NewsArticle. Expects authors, tags and corrections prefetched, the section selected."""
    url = absolute_url(request, article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article.last_modified),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(request, author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": organization(request),
        "inLanguage": LANGUAGE,
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": True,
    }
    if article.standfirst:
        data["description"] = article.standfirst
    image = lead_image(request, article)
    if image:
        data["image"] = image
    corrections = correction_comments(article)
    if corrections:
        data["correction"] = corrections
    return data


def correction_comments(article):
    """The editors' correction notes, as CorrectionComments (expects them prefetched)."""
    return [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": iso_datetime(correction.created_at),
        }
        for correction in article.corrections.all()
    ]


def breadcrumb_list(request, trail):
    """A BreadcrumbList from (name, path) pairs, the home page first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def collection_page(request, name, description, url, articles):
    """A page listing articles (a section, a tag, an author): its name and the articles on it."""
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "inLanguage": LANGUAGE,
        "isPartOf": {
            "@type": "WebSite",
            "name": site_name(),
            "url": absolute_url(request, reverse("articles:home")),
        },
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": absolute_url(request, article.get_absolute_url()),
                    "name": article.title,
                }
                for position, article in enumerate(articles, start=1)
            ],
        },
    }
    if description:
        data["description"] = description
    return data
