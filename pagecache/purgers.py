"""Purgers: how a purge of tags reaches a shared cache in front of the site.

A purger is a class with `purge(tags)`, listed by dotted path in
PAGECACHE_PURGERS. Tags are the ones every page names in its Surrogate-Key and
Cache-Tag headers, so the same list maps to any CDN (see README, "Page cache").
"""

import http.client
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string

TIMEOUT_SECONDS = 2


def configured():
    """One of each purger named in PAGECACHE_PURGERS."""
    return [import_string(path)() for path in getattr(settings, "PAGECACHE_PURGERS", [])]


class VarnishPurger:
    """Bans every object whose Surrogate-Key holds one of the tags (pagecache/varnish/newsroom.vcl).

    One HTTP request per purge to CACHE_PURGE_URL: method BAN, the tags
    space-separated in an X-Purge-Tags header.
    """

    def __init__(self, url=None):
        self.url = url or settings.CACHE_PURGE_URL

    def purge(self, tags):
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, TIMEOUT_SECONDS)
        try:
            connection.request("BAN", parts.path or "/", headers={"X-Purge-Tags": " ".join(tags)})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise OSError(f"Varnish answered {response.status} to the ban")
        finally:
            connection.close()
