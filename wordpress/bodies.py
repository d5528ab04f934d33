"""WordPress post bodies turned into Newsroom bodies.

WordPress stores a body as the editor left it: Gutenberg's block comments,
or the classic editor's bare text whose blank lines become paragraphs only
when a page is shown (`wpautop`), shortcodes such as [caption], images by
their upload address, and embeds as a bare link on a line of its own. Here
that becomes what our body holds: paragraphs and headings, with each image
of the site's own uploads replaced by a figure placeholder for the importer
to fill from the image library. Sanitizing is left to Article.save(), as for
every body.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

# Where the importer puts figure number n; the article's figure mechanism fills it.
FIGURE_PLACEHOLDER = "[[figure:{n}]]"
UPLOADS = "/wp-content/uploads/"

BLOCK_EMBED = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(\{.*?\})?\s*-->(.*?)"
    r"<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.S,
)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
OTHER_COMMENT = re.compile(r"<!--.*?-->", re.S)  # <!--more-->, <!--nextpage-->…
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
PROVIDER_SHORTCODE = re.compile(r"\[(youtube|vimeo|tweet)[=\s]+\"?([^\]\"\s]+)\"?[^\]]*\]", re.I)
CAPTION = re.compile(r"\[(?:wp_)?caption\b([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.S | re.I)
BLOCK_IMAGE = re.compile(
    r"<figure\b[^>]*class=\"[^\"]*\bwp-block-image\b[^\"]*\"[^>]*>(.*?)</figure>", re.S | re.I
)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.I)
# An <img>, with the link around it when the link holds nothing else.
IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\]]*)?)(/?)\]")
URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
TAG = re.compile(r"<[^>]+>")
ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
BLOCK_START = re.compile(
    r"</?(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|div|table|thead|tbody|tr|td|th|pre|"
    r"hr|dl|dt|dd|section|aside|address|form|iframe|video|audio)\b",
    re.I,
)
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
PLACEHOLDER = re.compile(r"\[\[figure:\d+\]\]")

# Link text for an embed the desk cannot show, by the provider's host.
PROVIDERS = {
    "youtube.com": "youtube", "youtu.be": "youtube", "twitter.com": "x", "x.com": "x",
    "vimeo.com": "vimeo", "instagram.com": "instagram", "facebook.com": "facebook",
    "soundcloud.com": "soundcloud", "tiktok.com": "tiktok",
}  # fmt: skip


def provider_label(provider):
    labels = {
        "youtube": _("Watch the video on YouTube"),
        "x": _("Read the post on X"),
        "vimeo": _("Watch the video on Vimeo"),
        "instagram": _("See the post on Instagram"),
        "facebook": _("See the post on Facebook"),
        "soundcloud": _("Listen on SoundCloud"),
        "tiktok": _("Watch the video on TikTok"),
    }
    return labels.get(provider)


@dataclass
class Figure:
    """An image of the site's own uploads, found in a body, by attachment id or address."""

    attachment_id: str
    src: str
    caption: str = ""
    alt: str = ""


@dataclass
class Body:
    """A converted body and what the conversion found on the way."""

    html: str
    figures: list = field(default_factory=list)
    removed_shortcodes: Counter = field(default_factory=Counter)
    embeds: int = 0
    dropped_images: int = 0


def attributes(tag_text):
    return {
        m[1].lower(): unescape(m[2] or m[3] or m[4] or "") for m in ATTRIBUTE.finditer(tag_text)
    }


def text_of(html):
    return " ".join(unescape(TAG.sub(" ", html)).split())


def upload_path(url, site_hosts):
    """`2024/05/photo.jpg` for an address of the site's own uploads (any size), else None."""
    parts = urlsplit(unescape(url or "").strip())
    if parts.hostname and parts.hostname not in site_hosts:
        return None
    path = unquote(parts.path)
    if UPLOADS not in path:
        return None
    return path.split(UPLOADS, 1)[1]


def original_upload(path):
    """The uploaded original of a resized copy: photo-300x200.jpg → photo.jpg."""
    return SIZE_SUFFIX.sub("", path)


def provider_of(url):
    host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
    return PROVIDERS.get(host)


class Converter:
    """One body's conversion; `embed` gives the desk's embed HTML for a URL, or None."""

    def __init__(self, site_hosts, embed=None):
        self.site_hosts = site_hosts
        self.embed = embed
        self.body = Body("")

    def figure(self, attachment_id, src, caption="", alt=""):
        self.body.figures.append(Figure(attachment_id, src, caption, alt))
        n = len(self.body.figures)
        return f"\n\n<p>{FIGURE_PLACEHOLDER.format(n=n)}</p>\n\n"

    def image_figure(self, img_html, caption="", attachment_id=""):
        """The figure for an <img> of our uploads; nothing for an image from elsewhere."""
        tag = IMG_TAG.search(img_html)
        attrs = attributes(tag.group(0)) if tag else {}
        src = attrs.get("src", "")
        if upload_path(src, self.site_hosts) is None:
            self.body.dropped_images += 1
            return ""
        found = re.search(r"\bwp-image-(\d+)\b", attrs.get("class", ""))
        attachment_id = attachment_id or (found.group(1) if found else "")
        return self.figure(attachment_id, src, caption, attrs.get("alt", ""))

    def embedded(self, url):
        url = unescape(url).strip()
        self.body.embeds += 1
        if self.embed is not None:
            html = self.embed(url)
            if html:
                return f"\n\n{html}\n\n"
        label = provider_label(provider_of(url)) or url
        return f'\n\n<p><a href="{url}">{label}</a></p>\n\n'

    def block_embed(self, match):
        try:
            url = json.loads(match.group(1) or "{}").get("url", "")
        except ValueError:
            url = ""
        url = url or text_of(match.group(2))
        return self.embedded(url) if url else ""

    def caption(self, match):
        attrs, inner = attributes(match.group(1)), match.group(2)
        caption = attrs.get("caption") or text_of(IMAGE.sub("", inner, count=1))
        attachment = (attrs.get("id") or "").removeprefix("attachment_")
        return self.image_figure(inner, caption, attachment)

    def block_image(self, match):
        inner = match.group(1)
        figcaption = FIGCAPTION.search(inner)
        return self.image_figure(inner, text_of(figcaption.group(1)) if figcaption else "")

    def gallery(self, match):
        ids = [i.strip() for i in attributes(match.group(1)).get("ids", "").split(",")]
        return "".join(self.figure(i, "") for i in ids if i.isdigit())

    def shortcode(self, match):
        closing, name, attrs, self_closing = match.groups()
        text = match.string
        paired = f"[/{name}]" in text[match.end() :] or closing
        if not (paired or attrs.strip() or self_closing):
            return match.group(0)  # "[sic]": plain text in brackets, not a shortcode
        if not closing:
            self.body.removed_shortcodes[name.lower()] += 1
        return ""

    def convert(self, html):
        html = (html or "").replace("\r\n", "\n").replace("\r", "\n")
        blocks = "<!-- wp:" in html
        html = BLOCK_EMBED.sub(self.block_embed, html)
        html = BLOCK_COMMENT.sub("", html)
        html = OTHER_COMMENT.sub("", html)
        html = EMBED_SHORTCODE.sub(lambda m: self.embedded(text_of(m.group(1))), html)
        html = PROVIDER_SHORTCODE.sub(lambda m: self.embedded(m.group(2)), html)
        html = CAPTION.sub(self.caption, html)
        html = BLOCK_IMAGE.sub(self.block_image, html)
        html = GALLERY.sub(self.gallery, html)
        html = IMAGE.sub(lambda m: self.image_figure(m.group(0)), html)
        html = SHORTCODE.sub(self.shortcode, html)
        if not blocks:
            # The classic editor's auto-embeds: a bare address alone on its line.
            html = URL_LINE.sub(lambda m: self.embedded(m.group(1)), html)
            html = autop(html)
        self.body.html = isolate_figures(html).strip()
        return self.body


def convert(html, site_hosts, embed=None):
    """Convert one WordPress body; see Body for what comes back."""
    return Converter(site_hosts, embed).convert(html)


def autop(text):
    """WordPress's paragraphs: a blank line ends one, a single line break is a <br>."""
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"[ \t]*\n[ \t]*", "<br>\n", chunk) + "</p>")
    return "\n".join(paragraphs)


def isolate_figures(html):
    """A figure placed inside a paragraph of text splits it: figures stand on their own."""

    def split(match):
        inner = match.group(1)
        if not PLACEHOLDER.search(inner) or PLACEHOLDER.fullmatch(inner.strip()):
            return match.group(0)
        pieces = re.split(rf"({PLACEHOLDER.pattern})", inner)
        return "".join(f"<p>{p.strip()}</p>" for p in pieces if text_of(p) or PLACEHOLDER.match(p))

    # The placeholders were written as <p>[[figure:n]]</p>: inside a paragraph that
    # nests, so unwrap them first and let the split give each its own paragraph.
    html = re.sub(rf"\s*<p>\s*({PLACEHOLDER.pattern})\s*</p>\s*", r"\n\1\n", html)
    html = PARAGRAPH.sub(split, html)
    html = re.sub(rf"^[ \t]*({PLACEHOLDER.pattern})[ \t]*$", r"<p>\1</p>", html, flags=re.M)
    return re.sub(r"\n{2,}", "\n", html)


def first_paragraph(html):
    """The text of the body's first paragraph that is not a figure: a standfirst."""
    for match in PARAGRAPH.finditer(html):
        text = text_of(match.group(1))
        if text and not PLACEHOLDER.fullmatch(text):
            return text
    return ""
