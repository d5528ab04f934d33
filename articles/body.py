"""Article bodies: what they may contain, and the HTML readers get from them.

The body is cleaned against an allow-list when an article is saved; the
reader's HTML (figures from the library in place) is rendered then too, never
at read time.
"""

import re
from html import unescape

import nh3

# What an article body may contain: what the editor (django-prose-editor)
# produces, and nothing else. Scripts, event handlers, styles, iframes, SVG,
# images from other hosts and unknown schemes are removed when an article is
# saved. Figures come from the image library (ArticleFigure), never from HTML.
BODY_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "blockquote",
    "a", "strong", "em", "b", "i",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

# Removed with everything inside them, not just unwrapped: their text is not prose.
BODY_DROPPED_WITH_CONTENT = {
    "script", "style", "title", "xml", "template", "noscript", "iframe", "svg", "math",
    "object", "textarea", "select",
}  # fmt: skip

# What readers get: the body plus the figures placed in it from the library.
READER_TAGS = BODY_TAGS | {"figure", "figcaption", "picture", "source", "img", "span"}
READER_ATTRIBUTES = BODY_ATTRIBUTES | {
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "figure": {"class"},
    "span": {"class"},
}

# Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid…">:
# not bold at all. Unwrapped before cleaning, or the whole article turns bold.
GOOGLE_DOCS_WRAPPER = re.compile(r"<b\b[^>]*\bid=[\"']?docs-internal-guid[^>]*>", re.I)
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>")
# [[figure:2]] (or [[صورة:2]]) places the article's figure number 2.
FIGURE_MARKER = re.compile(r"\[\[\s*(?:figure|صورة)\s*:\s*(\d+)\s*\]\]", re.I)
FIGURE_PARAGRAPH = re.compile(rf"<p>\s*{FIGURE_MARKER.pattern}\s*</p>", re.I)


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
    return EMPTY_PARAGRAPH.sub("", clean).strip()


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
