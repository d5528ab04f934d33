"""Flood control: how often one address or one email may post.

The counters live in the Django cache, so with a shared cache (Redis, see
CACHE_URL) the limits hold across every app process. `cache.add` and
`cache.incr` are atomic in Redis, so two processes cannot both let the same
reader through. Every call goes through the page cache's breaker
(`pagecache.store.guarded`): while Redis is stalled or down, comments are let
through (they are moderated anyway: failing open loses flood control, not a
reader's comment), a commenter waits for one timeout at most, and the outage
is logged once per pause, not once per comment.
"""

import hashlib
import time

from django.conf import settings
from django.utils.translation import gettext

from pagecache.store import guarded

from .commenters import commenter_key

HOUR = 3600


def email_key(email):
    # Keys in a shared cache are visible to whoever runs it: no addresses in them.
    # One key per mailbox, so "reader+1@" and "r.eader@gmail.com" share a limit.
    return commenter_key(email)[:32]


def refusal_for(ip_hash, email):
    """Record a posting attempt; return why it is refused, or None to let it through."""
    return guarded(lambda cache: _check(cache, ip_hash, email), when_down=lambda: None)


def _check(cache, ip_hash, email):
    seconds = settings.COMMENTS_FLOOD_SECONDS
    if seconds > 0:
        ip_free = cache.add(f"comments:flood:ip:{ip_hash[:32]}", 1, timeout=seconds)
        email_free = cache.add(f"comments:flood:email:{email_key(email)}", 1, timeout=seconds)
        if not (ip_free and email_free):
            return gettext(
                "You are posting too quickly. "
                "Please wait a few seconds and send your comment again."
            )
    limit = settings.COMMENTS_HOURLY_LIMIT_PER_IP
    if limit > 0:
        key = f"comments:hourly:{ip_hash[:32]}:{int(time.time()) // HOUR}"
        cache.add(key, 0, timeout=HOUR)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=HOUR)
            count = 1
        if count > limit:
            return gettext(
                "Too many comments have come from your network in the last hour. "
                "Please try again later."
            )
    return None


def claim_form(issued_token, email):
    """True the first time this commenter sends a comment with this form token.

    A form (its signed "issued" token) makes one comment per commenter: a script
    that keeps one token cannot post again and again under the same address.
    Readers of a cached page share its token, so the claim is per commenter.
    """
    digest = hashlib.sha256(f"{issued_token}|{email_key(email)}".encode()).hexdigest()[:40]
    key, seconds = f"comments:form:{digest}", settings.COMMENTS_FORM_MAX_AGE
    return guarded(lambda cache: cache.add(key, 1, timeout=seconds), when_down=lambda: True)
