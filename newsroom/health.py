"""/healthz: can this app process serve? For load balancers and uptime checks.

It answers 200 when the database, the shared cache and the media storage all
work, 503 naming the part that does not. It says "ok" or "error" per part and
nothing else: no versions, hosts, paths or exception texts.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_works():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_works():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def storage_works():
    """Write, read back and delete a tiny file: a full or read-only disk fails here."""
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read() == b"ok"
    finally:
        default_storage.delete(name)


PARTS = {"database": database_works, "cache": cache_works, "storage": storage_works}


def check(part, works):
    try:
        return "ok" if works() else "error"
    except Exception:
        # The reason goes to the log, never to whoever asked.
        logger.exception("healthz: the %s check failed", part)
        return "error"


@never_cache
@require_safe
def healthz(request):
    """Each part's state as JSON; 200 if all are "ok", else 503."""
    states = {part: check(part, works) for part, works in PARTS.items()}
    healthy = all(state == "ok" for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503
    )
