"""WordPress's export file (WXR 1.1 and 1.2), read as a stream of small records.

An archive can be hundreds of megabytes, so the file is never held whole: each
author, term and item is turned into a plain record as soon as its closing tag
is read, and its elements are dropped before the next one is parsed. Memory
stays the size of the largest single post, whatever the size of the file.

The file comes from outside, so it is parsed with defusedxml: a file that
declares entities (the "billion laughs" bomb) or reaches for external ones is
refused before anything is imported.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
WORDPRESS = "{http://wordpress.org/export/"  # followed by the version: 1.1/ or 1.2/


class ExportError(Exception):
    """The file cannot be imported at all: unsafe, broken, or not a WordPress export."""


@dataclass
class Site:
    """The old site's own addresses, from the head of the export."""

    url: str = ""
    blog_url: str = ""
    version: str = ""

    @property
    def hosts(self):
        """The host names the old site answered on (its uploads are «its own»)."""
        return {urlsplit(u).hostname for u in (self.url, self.blog_url) if urlsplit(u).hostname}


@dataclass
class Author:
    """A `wp:author`: a byline, keyed by the login that posts name in `dc:creator`."""

    login: str
    display_name: str
    wp_id: str = ""


@dataclass
class Term:
    """A category or tag from the head of the export. Slugs come decoded."""

    taxonomy: str  # "category" or "post_tag"
    wp_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    """A `wp:comment` of an item."""

    wp_id: str
    author: str
    email: str
    url: str
    ip: str
    date_gmt: datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash" (or "post-trashed")
    type: str  # "" or "comment" for readers' comments; "pingback", "trackback"…
    parent_id: str


@dataclass
class Item:
    """A post, page or attachment, with its terms, custom fields and comments."""

    wp_id: str
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    status: str = ""
    slug: str = ""
    date_local: datetime | None = None  # the site's own clock: what permalinks use
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    creator: str = ""
    comment_status: str = ""
    sticky: bool = False
    parent_id: str = ""
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # (taxonomy, decoded slug, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)


def decoded(slug):
    """WordPress keeps non-Latin slugs percent-encoded (%d8%b3…): the readable form."""
    return unquote(slug or "").strip()


def wordpress_time(text, *, utc):
    """A `2024-05-01 09:30:00` stamp; None for WordPress's `0000-00-00 00:00:00` (no date)."""
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if utc else moment


def local_name(tag):
    """`wp:post_id` for any WXR version's namespace, `content:encoded`, `dc:creator`."""
    if tag.startswith(WORDPRESS):
        uri, _, name = tag[1:].partition("}")
        return ("excerpt:" if uri.endswith("/excerpt/") else "wp:") + name
    if tag.startswith(CONTENT):
        return "content:" + tag[len(CONTENT) :]
    if tag.startswith(DC):
        return "dc:" + tag[len(DC) :]
    return tag


def children(element):
    """An element's simple children as {name: text} (the first of each name)."""
    values = {}
    for child in element:
        values.setdefault(local_name(child.tag), (child.text or "").strip())
    return values


def read_author(element):
    v = children(element)
    login = v.get("wp:author_login", "")
    return Author(login=login, display_name=v.get("wp:author_display_name") or login,
                  wp_id=v.get("wp:author_id", ""))  # fmt: skip


def read_term(element, kind):
    v = children(element)
    if kind == "wp:category":
        return Term("category", v.get("wp:term_id", ""), decoded(v.get("wp:category_nicename")),
                    v.get("wp:cat_name", ""), decoded(v.get("wp:category_parent")),
                    v.get("wp:category_description", ""))  # fmt: skip
    if kind == "wp:tag":
        return Term("post_tag", v.get("wp:term_id", ""), decoded(v.get("wp:tag_slug")),
                    v.get("wp:tag_name", ""), "", v.get("wp:tag_description", ""))  # fmt: skip
    taxonomy = v.get("wp:term_taxonomy", "")
    if taxonomy not in ("category", "post_tag"):
        return None  # menus, formats and plugins' taxonomies: nothing of ours
    return Term(taxonomy, v.get("wp:term_id", ""), decoded(v.get("wp:term_slug")),
                v.get("wp:term_name", ""), decoded(v.get("wp:term_parent")),
                v.get("wp:term_description", ""))  # fmt: skip


def read_comment(element):
    v = children(element)
    return Comment(
        wp_id=v.get("wp:comment_id", ""),
        author=v.get("wp:comment_author", ""),
        email=v.get("wp:comment_author_email", ""),
        url=v.get("wp:comment_author_url", ""),
        ip=v.get("wp:comment_author_IP", ""),
        date_gmt=wordpress_time(v.get("wp:comment_date_gmt"), utc=True),
        content=v.get("wp:comment_content", ""),
        approved=v.get("wp:comment_approved", "0"),
        type=v.get("wp:comment_type", ""),
        parent_id=v.get("wp:comment_parent", "0"),
    )


def read_item(element):
    v = children(element)
    item = Item(
        wp_id=v.get("wp:post_id", ""),
        post_type=v.get("wp:post_type", "post"),
        title=v.get("title", ""),
        link=v.get("link", ""),
        guid=v.get("guid", ""),
        content=v.get("content:encoded", ""),
        excerpt=v.get("excerpt:encoded", ""),
        status=v.get("wp:status", ""),
        slug=decoded(v.get("wp:post_name")),
        date_local=wordpress_time(v.get("wp:post_date"), utc=False),
        date_gmt=wordpress_time(v.get("wp:post_date_gmt"), utc=True),
        modified_gmt=wordpress_time(v.get("wp:post_modified_gmt"), utc=True),
        creator=v.get("dc:creator", ""),
        comment_status=v.get("wp:comment_status", ""),
        sticky=v.get("wp:is_sticky", "0") == "1",
        parent_id=v.get("wp:post_parent", "0"),
        attachment_url=v.get("wp:attachment_url", ""),
    )
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            slug = decoded(child.get("nicename"))
            item.terms.append((child.get("domain", ""), slug, (child.text or "").strip()))
        elif name == "wp:postmeta":
            meta = children(child)
            item.meta.setdefault(meta.get("wp:meta_key", ""), meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(read_comment(child))
    return item


READERS = {
    "wp:author": read_author,
    "wp:category": lambda e: read_term(e, "wp:category"),
    "wp:tag": lambda e: read_term(e, "wp:tag"),
    "wp:term": lambda e: read_term(e, "wp:term"),
    "item": read_item,
}
SITE_FIELDS = {
    "wp:base_site_url": "url",
    "wp:base_blog_url": "blog_url",
    "wp:wxr_version": "version",
}


def records(source):
    """Yield the export's records in file order: a Site first, then Authors, Terms and Items.

    `source` is a path or a binary file. Raises ExportError for a file that is
    unsafe, not well-formed, or not a WordPress export.
    """
    site, channel, depth = Site(), None, 0
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise ExportError(_("This file is not a WordPress export (WXR)."))
                if depth == 2:
                    channel = element
                continue
            depth -= 1
            if depth != 2:
                continue
            name = local_name(element.tag)
            if name in SITE_FIELDS:
                setattr(site, SITE_FIELDS[name], (element.text or "").strip())
            elif name in READERS:
                if site is not None:
                    yield checked(site)
                    site = None
                record = READERS[name](element)
                if record is not None:
                    yield record
            # Done with it: drop the element so memory never grows with the file.
            channel.clear()
    except DefusedXmlException:
        raise ExportError(
            _(
                "This file declares XML entities (an entity bomb or a reference to other files); "
                "a WordPress export never does. Nothing was imported."
            )  # fmt: skip
        ) from None
    except ParseError as error:
        line = error.position[0] if error.position else "?"
        raise ExportError(
            _(
                "This file is not well-formed XML (line %(line)s); nothing was imported. "
                "Export it again from WordPress."
            )
            % {"line": line}  # fmt: skip
        ) from None
    if site is not None:  # an export with no authors, terms or items at all
        yield checked(site)


def checked(site):
    """The Site, once it is clear the file is WordPress's (an RSS feed is not)."""
    if not site.version:
        raise ExportError(_("This file is not a WordPress export (WXR)."))
    return site
