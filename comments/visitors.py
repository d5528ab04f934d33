"""Who is posting: the reader's address, where the post came from, the browser's own comments."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

# The browser's own comments that await moderation, as a signed list of ids.
# Readable by the page's script (not HttpOnly): it holds no secret, only which
# comments this browser wrote, and the signature stops anyone adding others'.
OWN_COMMENTS_COOKIE = "newsroom_own_comments"
OWN_COMMENTS_SALT = "comments.own"
OWN_COMMENTS_MAX = 20
OWN_COMMENTS_MAX_AGE = 30 * 24 * 3600


def client_ip(request):
    """The reader's IP address, looking past COMMENTS_TRUSTED_PROXIES proxies.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so the reader's address is that many entries from the end;
    entries further left are whatever the client chose to send.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.COMMENTS_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def ip_fingerprint(address):
    """A keyed hash of an address: groups a reader's comments without storing the address."""
    return salted_hmac("comments.ip", address or "unknown", algorithm="sha256").hexdigest()


def is_same_site_post(request):
    """Whether a POST came from a page of this site, judged by its Origin (or Referer).

    Browsers send Origin with every cross-site form post; a post from another
    site is refused so that other sites cannot make readers' browsers post, and
    so is a post that says where it came from neither way (a script's).
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER")
        if not referer:
            return False  # every browser sends one of the two with a form: fail closed
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return origin in allowed


def own_comment_ids(request):
    """The ids of the comments this browser posted (and still remembers), newest last."""
    raw = request.COOKIES.get(OWN_COMMENTS_COOKIE)
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=OWN_COMMENTS_SALT, max_age=OWN_COMMENTS_MAX_AGE)
        return [int(pk) for pk in value][-OWN_COMMENTS_MAX:]
    except (signing.BadSignature, TypeError, ValueError):
        return []


def remember_own_comments(response, ids):
    """Set (or, with no ids, delete) the cookie that lists this browser's unmoderated comments."""
    if not ids:
        response.delete_cookie(OWN_COMMENTS_COOKIE, samesite="Lax")
        return
    response.set_cookie(
        OWN_COMMENTS_COOKIE,
        signing.dumps(list(ids)[-OWN_COMMENTS_MAX:], salt=OWN_COMMENTS_SALT),
        max_age=OWN_COMMENTS_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
