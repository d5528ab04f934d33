"""Posting comments the way a reader's browser does, for the comment tests."""

import itertools
import time

from comments.forms import form_token
from comments.models import Comment

_addresses = (f"10.{n // 250}.{n % 250}.7" for n in itertools.count(1))
_emails = (f"reader{n}@example.org" for n in itertools.count(1))


def comment_data(article, **fields):
    """Form data a person would send: a token issued a minute ago, an empty honeypot."""
    data = {
        "name": "قارئ من عمّان",
        "email": next(_emails),
        "body": f"تعليق رقم {time.monotonic_ns()} على الخبر.",
        "issued": form_token(article, issued=time.time() - 60),
        "reference": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


# What a browser sends with a form from the site's own page.
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def post_comment(client, article, *, ip=None, meta=None, **fields):
    """POST the comment form; each call comes from a new address unless ip is given."""
    meta = meta or {}
    says_where = {"HTTP_ORIGIN", "HTTP_REFERER"} & set(meta)
    return client.post(
        f"/comments/post/{article.pk}/",
        comment_data(article, **fields),
        REMOTE_ADDR=ip or next(_addresses),
        **(meta if says_where else {**SAME_SITE, **meta}),
    )


def approve(*comments):
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(status=Comment.Status.APPROVED)
