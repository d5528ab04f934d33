"""Posts and videos from a few allowed platforms, embedded in a body by their link.

A YouTube, X (Twitter), Facebook or Instagram link alone in its paragraph
becomes, for readers, a placeholder that says where the content comes from;
the platform's frame is loaded only when the reader asks for it (a click,
see static/articles/embeds.js). Until then the page fetches nothing from the
platform: no script, no thumbnail, no cookie. Any other link stays a link.
"""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# A paragraph holding one link and nothing else (its text may be the address
# itself or any words), or a bare address.
LINK_PARAGRAPH = re.compile(
    r'<p>\s*(?:<a href="(?P<href>[^"]+)"[^>]*>[^<]*</a>|(?P<bare>https?://[^\s<]+))\s*</p>'
)


@dataclass(frozen=True)
class Embed:
    provider: str
    name: str  # the platform's name, as readers know it
    frame_url: str  # what the frame loads, after the click
    link: str  # the original address, for readers who prefer to go there


YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
STATUS_ID = re.compile(r"^/(?:[\w]{1,15}|i/web)/status/(\d{1,25})/?$")
INSTAGRAM = re.compile(r"^/(?:[\w.]{1,30}/)?(p|reel|tv)/([\w-]{5,40})/?$")
FACEBOOK_PATH = re.compile(
    r"^/(?:[\w.-]+/(?:posts|videos|photos)/[\w.:/-]+|watch/?|permalink\.php|story\.php|reel/\d+/?)$"
)


def youtube(url):
    host, path, query = url.hostname, url.path, parse_qs(url.query)
    if host == "youtu.be":
        video = path.strip("/")
    elif path == "/watch":
        video = (query.get("v") or [""])[0]
    elif path.startswith(("/shorts/", "/embed/", "/live/")):
        video = path.split("/")[2]
    else:
        return None
    if not YOUTUBE_ID.match(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def x_post(url):
    match = STATUS_ID.match(url.path)
    return f"https://platform.twitter.com/embed/Tweet.html?id={match.group(1)}" if match else None


def instagram(url):
    match = INSTAGRAM.match(url.path)
    return f"https://www.instagram.com/{match.group(1)}/{match.group(2)}/embed" if match else None


def facebook(url):
    if not FACEBOOK_PATH.match(url.path):
        return None
    kind = "video" if "/videos/" in url.path or url.path.startswith(("/watch", "/reel")) else "post"
    return f"https://www.facebook.com/plugins/{kind}.php?href={quote(url.geturl(), safe='')}"


# provider: (its name for readers, the hosts of its links, the frame for a link).
PROVIDERS = {
    "youtube": (
        _("YouTube"), {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}, youtube
    ),
    "x": (
        _("X (Twitter)"),
        {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"},
        x_post,
    ),
    "facebook": (_("Facebook"), {"facebook.com", "www.facebook.com", "m.facebook.com"}, facebook),
    "instagram": (_("Instagram"), {"instagram.com", "www.instagram.com"}, instagram),
}  # fmt: skip

# The hosts a frame may come from: what the reader's script checks before loading.
FRAME_HOSTS = {
    "www.youtube-nocookie.com",
    "platform.twitter.com",
    "www.facebook.com",
    "www.instagram.com",
}


def embed_for(address):
    """The Embed for an allowed platform's post or video at this address, else None."""
    try:
        url = urlsplit(address.strip())
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or not url.hostname:
        return None
    for provider, (name, hosts, frame) in PROVIDERS.items():
        if url.hostname.lower() in hosts:
            frame_url = frame(url)
            return Embed(provider, name, frame_url, url.geturl()) if frame_url else None
    return None


def embed_links(html):
    """Reader HTML: each allowed link alone in its paragraph becomes a click-to-load embed."""

    def one(match):
        embed = embed_for(unescape(match.group("href") or match.group("bare")))
        if embed is None:
            return match.group(0)
        return render_to_string("includes/body_embed.html", {"embed": embed})

    return LINK_PARAGRAPH.sub(one, html)
