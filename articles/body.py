"""Article bodies: what they may contain, and the HTML readers get from them.

The body is cleaned against an allow-list when an article is saved; the
reader's HTML (figures from the library in place) is rendered then too, never
at read time.

Photographs are figures of the body editor, stored as
``<figure data-image="12"><img src="…" alt="…"><figcaption>…</figcaption></figure>``:
the library image's id and the caption typed under it are all that is kept
of what the browser sent. The <img> (the editor's preview) is written again
from the library on every save, and readers get the responsive <picture> of
`includes/body_figure.html` in its place.
"""

import re
from dataclasses import dataclass
from html import unescape

import nh3
from django.template.loader import render_to_string
from django.utils.html import escape

from .embeds import embed_links

# What an article body may contain: what the editor (django-prose-editor)
# produces, and nothing else. Scripts, event handlers, styles, iframes, SVG,
# images from other hosts and unknown schemes are removed when an article is
# saved. Photographs come from the image library by their id, never by address.
BODY_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "blockquote",
    "a", "strong", "em", "b", "i", "figure", "figcaption", "img",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "figure": {"data-image"}, "img": {"alt"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

# Removed with everything inside them, not just unwrapped: their text is not prose.
BODY_DROPPED_WITH_CONTENT = {
    "script", "style", "title", "xml", "template", "noscript", "iframe", "svg", "math",
    "object", "textarea", "select",
}  # fmt: skip

# What readers get: the body plus the figures placed in it from the library,
# and the click-to-load placeholders of embedded posts (articles.embeds).
READER_TAGS = BODY_TAGS | {"picture", "source", "span", "button"}
READER_ATTRIBUTES = BODY_ATTRIBUTES | {
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "figure": {"class", "data-embed", "data-embed-src"},
    "span": {"class"},
    "button": {"type", "class"},
    "a": {"href", "title", "class"},
}

# Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid…">:
# not bold at all. Unwrapped before cleaning, or the whole article turns bold.
GOOGLE_DOCS_WRAPPER = re.compile(r"<b\b[^>]*\bid=[\"']?docs-internal-guid[^>]*>", re.I)
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>")
# After nh3 attributes are double-quoted and only the allowed ones are left,
# so these patterns see one spelling of each figure.
FIGURE = re.compile(r"<figure\b([^>]*)>(.*?)</figure>", re.S)
FIGURE_IMAGE_ID = re.compile(r'\bdata-image="(\d{1,18})"')
FIGURE_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
# Pictures outside a library figure (a tracking pixel, a hot-linked photo): dropped.
STRAY_IMAGE = re.compile(r"<img\b[^>]*>")
SET_ASIDE = re.compile(r"\x00(\d+)\x00")


def sanitize_body(html):
    """Reduce editor-supplied HTML to the article allow-list.

    This is the authority on what a body may contain, whatever the editor in
    the browser did; pasted Word and Google Docs markup ends up as plain
    paragraphs, headings, lists, links, bold and italic.
    """
    html = GOOGLE_DOCS_WRAPPER.sub("<span>", html or "")
    clean = clean_against(html, BODY_TAGS, BODY_ATTRIBUTES)
    # One spelling of bold and italic, the editor's.
    for old, new in (("b", "strong"), ("i", "em")):
        clean = clean.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    # Figures keep their image id and caption only; their <img> is the library's.
    clean = rewrite_figures(clean, lambda figure: figure.stored_html())
    return EMPTY_PARAGRAPH.sub("", clean).strip()


@dataclass(frozen=True)
class BodyFigure:
    """One figure of a body: which library image, and the caption typed under it (HTML)."""

    image_id: int
    caption: str

    def stored_html(self, image=None):
        """The figure as the body stores it; with the library image, its preview too."""
        preview = ""
        if image is not None:
            preview = (
                f'<img src="{escape(image.rendition(640).url)}" alt="{escape(image.alt_text)}">'
            )
        return (
            f'<figure data-image="{self.image_id}">{preview}'
            f"<figcaption>{self.caption}</figcaption></figure>"
        )


def figures_in(body):
    """The body's figures, in the order readers meet them."""
    found = []
    rewrite_figures(body, lambda figure: found.append(figure) or "")
    return found


def rewrite_figures(html, replace):
    """The HTML with each figure replaced by replace(BodyFigure) ("" or None drops it).

    Figures without an image id leave their caption as a paragraph; any <img>
    outside a library figure goes.
    """
    kept = []

    def set_aside(match):
        image_id = FIGURE_IMAGE_ID.search(match.group(1))
        caption = FIGURE_CAPTION.search(match.group(2))
        if image_id is None:
            # A figure from elsewhere (a pasted web page): its caption's words stay.
            words = caption.group(1).strip() if caption else ""
            kept.append(f"<p>{words}</p>" if words else "")
        else:
            figure = BodyFigure(int(image_id.group(1)), caption.group(1) if caption else "")
            kept.append(replace(figure) or "")
        return f"\x00{len(kept) - 1}\x00"

    html = STRAY_IMAGE.sub("", FIGURE.sub(set_aside, html or ""))
    return SET_ASIDE.sub(lambda match: kept[int(match.group(1))], html)


def with_library_images(body, images):
    """The stored body: each figure's preview written from the library, unknown images dropped.

    `images` maps ids to the library Images the body refers to.
    """
    return rewrite_figures(
        body,
        lambda figure: (
            figure.stored_html(images[figure.image_id]) if figure.image_id in images else None
        ),
    )


def reader_html(body, images):
    """What readers get: each figure a responsive <picture> with its caption and credit."""

    def picture(figure):
        image = images.get(figure.image_id)
        if image is None:
            return None
        return render_to_string(
            "includes/body_figure.html", {"image": image, "caption": figure.caption}
        )

    return sanitize_reader_html(embed_links(rewrite_figures(body, picture)))


def sanitize_reader_html(html):
    """The last pass over what readers get: the body allow-list plus library figures."""
    return clean_against(html, READER_TAGS, READER_ATTRIBUTES)


def clean_against(html, tags, attributes):
    """nh3 with our rules for links, comments and what goes with its content."""
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=BODY_URL_SCHEMES,
        clean_content_tags=BODY_DROPPED_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


TAG = re.compile(r"<[^>]*>")


def html_text(markup):
    """The text of HTML: each tag a space (so words stay apart), entities decoded."""
    return unescape(TAG.sub(" ", markup or ""))
