"""A cached page: rendered once, compressed once, served with HTTP's caching headers.

An entry is a plain dict (it goes through the cache's pickling): the status,
the headers that describe the content, the body as it is and gzipped and
brotli-compressed, its ETag, when it started rendering, until when it is
fresh, and its tags.
"""

import gzip
import hashlib
import time

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe

# Headers decided here for every copy; the page's others (Content-Type, X-Frame-Options,
# a security policy set by an inner middleware…) are kept with it.
DECIDED_HEADERS = {
    "cache-control", "vary", "etag", "last-modified", "expires", "age", "content-length",
    "content-encoding", "set-cookie", "date",
}  # fmt: skip
COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/ld+json",
)
MIN_COMPRESS_BYTES = 256


def setting(name, default):
    return getattr(settings, name, default)


def make_entry(response, tags, started, fresh_until):
    body = response.content
    entry = {
        "status": response.status_code,
        "headers": [
            (name, value) for name, value in response.items() if name.lower() not in DECIDED_HEADERS
        ],
        "bodies": {"identity": body},
        "etag": f'W/"{hashlib.sha256(body).hexdigest()[:32]}"',
        "started": started,
        "fresh_until": fresh_until,
        "tags": sorted(tags),
    }
    content_type = response.get("Content-Type", "")
    if len(body) >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE):
        entry["bodies"]["br"] = brotli.compress(
            body, quality=setting("PAGECACHE_BROTLI_QUALITY", 9)
        )
        entry["bodies"]["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
    return entry


def accepted_encodings(request):
    """The encodings this request takes, best first: br, gzip, then the plain body."""
    accepted = {
        part.split(";")[0].strip().lower()
        for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(",")
    }
    return [encoding for encoding in ("br", "gzip") if encoding in accepted] + ["identity"]


def chosen_encoding(request, entry):
    return next(e for e in accepted_encodings(request) if e in entry["bodies"] or e == "identity")


def split_by_encoding(entry):
    """One entry per encoding, so that a cache hit fetches only the body it sends."""
    encodings = sorted(entry["bodies"])
    return {
        encoding: {**entry, "bodies": {encoding: body}, "encodings": encodings}
        for encoding, body in entry["bodies"].items()
    }


def not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        ours = entry["etag"].removeprefix("W/")
        return any(
            tag.removeprefix("W/") == ours or tag == "*" for tag in parse_etags(if_none_match)
        )
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(entry["started"]) <= since


def cache_control(entry, now):
    """Public for everyone, short in browsers, longer in shared caches, never past fresh_until."""
    left = max(0, int(entry["fresh_until"] - now))
    browser = min(setting("PAGECACHE_BROWSER_SECONDS", 60), left)
    shared = min(setting("PAGECACHE_SHARED_SECONDS", 300), left)
    return (
        f"public, max-age={browser}, s-maxage={shared}, "
        f"stale-while-revalidate={setting('PAGECACHE_STALE_WHILE_REVALIDATE', 30)}, "
        f"stale-if-error={setting('PAGECACHE_STALE_IF_ERROR', 86400)}"
    )


def serve(request, entry, state):
    """The entry as a response to this request: 304, or the body in the best accepted encoding."""
    now = time.time()
    if not_modified(request, entry) and entry["status"] == 200:
        response = HttpResponse(status=304)
    else:
        encoding = chosen_encoding(request, entry)
        body = entry["bodies"][encoding]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["started"])
    response["Cache-Control"] = "no-cache" if state == "STALE" else cache_control(entry, now)
    if len(entry.get("encodings", entry["bodies"])) > 1:
        response["Vary"] = "Accept-Encoding"
    response["Age"] = str(max(0, int(now - entry["started"]))) if state != "MISS" else "0"
    response["Surrogate-Key"] = " ".join(entry["tags"])
    response["Cache-Tag"] = ",".join(entry["tags"])
    response["X-Page-Cache"] = state
    # Django must not add its own cookies or Vary to a page served to everyone.
    response._pagecache_served = True
    return response
