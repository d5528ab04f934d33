"""Crawl every public page of the site, for invariants that must hold site-wide.

Start from `/` (and the few addresses sites announce without linking them),
follow every same-site address found in a response — links, sources, form
actions, data-* attributes, sitemap <loc> and feed <link>/<id> elements,
redirects, bare URLs in text files — and fetch each once. New pages (feeds,
sitemaps, search, structured data) are covered as soon as something links to
them. Reader pages only: the admin, static files and media are not crawled.
"""

import re
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

ATTRIBUTE_URLS = re.compile(r"""\b(?:href|src|action|data-[\w-]+)\s*=\s*["']([^"'<>]+)["']""")
ELEMENT_URLS = re.compile(r"<(?:loc|link|guid|id|uri|url)>\s*([^<\s]+)\s*</")
BARE_URLS = re.compile(r"""https?://[^\s"'<>)]+""")
NOT_CRAWLED = ("/admin/", "/static/", "/media/")
# Addresses that exist without a link to them; a 404 page among them on purpose.
UNLINKED = ("/robots.txt", "/sitemap.xml", "/no-such-page-for-the-crawler/")


class Page:
    def __init__(self, url, response):
        self.url = url
        self.status = response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.text = body.decode("utf-8", errors="replace")
        self.headers = "\n".join(f"{k}: {v}" for k, v in response.items())

    def __repr__(self):
        return f"<Page {self.status} {self.url}>"


def site_hosts():
    hosts = {"testserver"}
    if settings.SITE_URL:
        hosts.add(urlsplit(settings.SITE_URL).netloc)
    return hosts


def same_site(url, base, hosts):
    """The path and query of url if it is on this site and crawlable, else None."""
    parts = urlsplit(urljoin(base, url.strip()))
    if parts.scheme not in {"http", "https"} or parts.netloc not in hosts:
        return None
    if parts.path.startswith(NOT_CRAWLED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_in(page, hosts):
    base = f"http://testserver{page.url}"
    found = ATTRIBUTE_URLS.findall(page.text) + ELEMENT_URLS.findall(page.text)
    found += BARE_URLS.findall(page.text) + BARE_URLS.findall(page.headers)
    for url in found:
        url = url.replace("&amp;", "&")
        target = same_site(url, base, hosts)
        if target:
            yield target


def crawl(client, start="/", *, limit=1000):
    """GET every public same-site URL reachable from start; return the Pages, in crawl order.

    Fails if any page errors (the test client raises) or if there are more than
    `limit` pages, so that coverage never stops silently.
    """
    hosts = site_hosts()
    queue = [start, *UNLINKED]
    seen = {unquote(url) for url in queue}
    pages = []
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        page = Page(url, response)
        assert page.status < 500, page
        pages.append(page)
        assert len(pages) <= limit, f"more than {limit} pages: raise the limit deliberately"
        targets = list(links_in(page, hosts))
        if response.has_header("Location"):
            target = same_site(response["Location"], f"http://testserver{url}", hosts)
            targets += [target] if target else []
        for target in targets:
            key = unquote(target)
            if key not in seen:
                seen.add(key)
                queue.append(target)
    return pages
