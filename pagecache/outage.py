"""When the database is down or stalled: the Arabic 503 page, logged once per interval."""

import logging
import time

from django.template.loader import render_to_string

logger = logging.getLogger("pagecache.outage")

LOG_INTERVAL_SECONDS = 60
RETRY_AFTER_SECONDS = 30
# After a failure, pages we hold a last copy of are served from it for this long
# without asking the database again: a stalled one would make each reader wait
# for the whole deadline (newsroom/database_wait.py) only to get that copy.
BREAKER_SECONDS = 5
_last_logged = 0.0
_failed_at = None


def note(error):
    """Log the outage once per LOG_INTERVAL_SECONDS in this process, without a traceback."""
    global _last_logged, _failed_at
    now = time.monotonic()
    _failed_at = now
    if now - _last_logged >= LOG_INTERVAL_SECONDS:
        _last_logged = now
        logger.error("The database is unavailable (%s): answering 503 or stale pages.", error)


def recently_down():
    """Did the database fail in this process within the last BREAKER_SECONDS?"""
    return _failed_at is not None and time.monotonic() - _failed_at < BREAKER_SECONDS


def unsent_texts(request):
    """What a reader typed into a form we could not save (so the page can give it back)."""
    if request.method != "POST":
        return []
    return [
        value
        for key, values in request.POST.lists()
        if not key.startswith(("csrf", "issued", "website", "reply_to"))
        for value in values
        if len(value.split()) > 1 or len(value) > 40
    ]


def unavailable(request):
    """503 with Retry-After, rendered without the database."""
    from django.http import HttpResponse

    html = render_to_string("pagecache/unavailable.html", {"unsent": unsent_texts(request)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once by note(); Django's request logger would log every 503.
    response._has_been_logged = True
    return response
