"""The public site: its name, and the address every absolute link starts from."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext


def site_name():
    """The newspaper's name: SITE_NAME, or a default in the reader's language."""
    return settings.SITE_NAME or gettext("The Newsroom")


def absolute_url(request, url):
    """The absolute address of url (a path, or an address that is already absolute).

    The configured SITE_URL wins. Without it the request supplies scheme and host,
    which honours SECURE_PROXY_SSL_HEADER and USE_X_FORWARDED_HOST behind a proxy.
    Feeds, sitemaps, robots.txt and share previews all come through here.
    """
    if settings.SITE_URL:
        return iri_to_uri(urljoin(settings.SITE_URL + "/", url))
    return request.build_absolute_uri(url)
