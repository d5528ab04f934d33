"""Telling the world at publish time: WebSub and IndexNow, after commit, in the background.

Both are off by default. WEBSUB_HUB (a hub's address) pings the hub with the
site's feeds; INDEXNOW_KEY (8 to 128 letters, digits or dashes) sends the
article's address to INDEXNOW_ENDPOINT, the key being served at
/indexnow/<key>.txt. Both need SITE_URL, since there is no request to take the
host from. A ping is sent when the transaction that published or corrected the
article commits, from a thread of its own, so the editor's save never waits
for a remote server and a failing ping only writes a log line.
"""

import json
import logging
import threading
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from newsroom.site import absolute_url

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def enabled():
    return bool(settings.SITE_URL and (settings.WEBSUB_HUB or settings.INDEXNOW_KEY))


def announce_after_commit(article):
    """Ping the hub and IndexNow about this article once the current transaction commits."""
    if not enabled():
        return
    url = absolute_url(None, article.get_absolute_url())
    transaction.on_commit(lambda: start(url))


def start(url):
    thread = threading.Thread(target=send_all, args=(url,), name="newsdesk-pings", daemon=True)
    thread.start()
    return thread


def send_all(url):
    if settings.WEBSUB_HUB:
        feeds = [reverse("distribution:feed-rss"), reverse("distribution:feed-atom")]
        body = urlencode(
            [("hub.mode", "publish")] + [("hub.url", absolute_url(None, f)) for f in feeds]
        )
        post(settings.WEBSUB_HUB, body.encode(), "application/x-www-form-urlencoded")
    if settings.INDEXNOW_KEY:
        payload = {
            "host": urlsplit(settings.SITE_URL).hostname,
            "key": settings.INDEXNOW_KEY,
            "keyLocation": absolute_url(None, key_path()),
            "urlList": [url],
        }
        post(
            settings.INDEXNOW_ENDPOINT,
            json.dumps(payload).encode(),
            "application/json; charset=utf-8",
        )


def key_path():
    return reverse("newsdesk:indexnow-key", kwargs={"key": settings.INDEXNOW_KEY})


def post(address, body, content_type):
    request = Request(address, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            log.info("Pinged %s: %s", address, response.status)
    except OSError as error:  # refused, timed out, or an HTTP error status
        log.warning("Ping to %s failed: %s", address, error)
