"""Telling the world at publish time: WebSub and IndexNow, from the task worker.

Both are off by default. WEBSUB_HUB (a hub's address) pings the hub with the
site's feeds; INDEXNOW_KEY (8 to 128 letters, digits or dashes) sends the
article's address to INDEXNOW_ENDPOINT, the key being served at
/indexnow/<key>.txt. Both need SITE_URL, since there is no request to take the
host from.

The ping is a task (newsdesk.tasks.send_pings) enqueued when the transaction
that published or corrected the article commits, so the editor's save never
waits for a remote server; a scheduled article's task waits for its
publication time. A refused connection, a timeout or a 5xx answer raises, so
the task runs again later (newsroom.background); a 4xx answer is our request's
fault, which sending it again would not mend: it is logged, not retried.
"""

import json
import logging
from datetime import UTC
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from newsroom.site import absolute_url

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10
# Client errors that mean "later", not "never".
RETRYABLE_STATUSES = {408, 425, 429}


class PingFailed(Exception):
    """A remote server could not take a ping now; trying again later may work."""


def enabled():
    return bool(settings.SITE_URL and (settings.WEBSUB_HUB or settings.INDEXNOW_KEY))


def announce_after_commit(article, at=None):
    """Enqueue the pings about this article once the current transaction commits:
    at once, or at `at` (the publication time of a scheduled article)."""
    if not enabled():
        return
    from .tasks import send_pings

    if at is not None and not send_pings.get_backend().supports_defer:
        return  # the immediate backend (development) cannot wait for the time
    task = send_pings.using(run_after=at) if at is not None else send_pings
    article_id, due = article.pk, at.astimezone(UTC).isoformat() if at is not None else None
    transaction.on_commit(lambda: task.enqueue(article_id, due))


def send_all(article):
    """Ping the hub and IndexNow about a public article; raise PingFailed if either
    should be tried again. Both are tried, so a hub that is down never holds up
    IndexNow; a retry sends both again, which both protocols take as "look again"."""
    url = absolute_url(None, article.get_absolute_url())
    failures = []
    for address, body, content_type in pings_for(url):
        try:
            post(address, body, content_type)
        except OSError as error:  # refused, timed out, or a status worth retrying
            failures.append(f"{address}: {error}")
    if failures:
        raise PingFailed("; ".join(failures))
    return url


def pings_for(url):
    """(address, body, content type) of each ping the settings ask for."""
    if settings.WEBSUB_HUB:
        feeds = [reverse("distribution:feed-rss"), reverse("distribution:feed-atom")]
        body = urlencode(
            [("hub.mode", "publish")] + [("hub.url", absolute_url(None, f)) for f in feeds]
        )
        yield settings.WEBSUB_HUB, body.encode(), "application/x-www-form-urlencoded"
    if settings.INDEXNOW_KEY:
        payload = {
            "host": urlsplit(settings.SITE_URL).hostname,
            "key": settings.INDEXNOW_KEY,
            "keyLocation": absolute_url(None, key_path()),
            "urlList": [url],
        }
        body = json.dumps(payload).encode()
        yield settings.INDEXNOW_ENDPOINT, body, "application/json; charset=utf-8"


def key_path():
    return reverse("newsdesk:indexnow-key", kwargs={"key": settings.INDEXNOW_KEY})


def post(address, body, content_type):
    """Send one ping. Raises OSError when it should be sent again later."""
    request = Request(address, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            log.info("Pinged %s: %s", address, response.status)
    except HTTPError as error:
        if error.code >= 500 or error.code in RETRYABLE_STATUSES:
            raise
        log.warning("Ping to %s refused with %s; not sent again", address, error.code)
