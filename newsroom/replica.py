"""Read replicas: readers' page views read from DATABASE_REPLICA_URL; everything else uses
the primary.

A request reads from the replica only when it is a reader's: GET or HEAD, outside the
admin, and carrying no cookie at all. Reader pages set none, so any cookie marks
someone whose next page must reflect their own writes at once: staff (the session),
a commenter (their pending comments) or anyone who has just sent a form (the pin
cookie set after every POST, for DATABASE_REPLICA_PIN_SECONDS). Replication lag then
never hides a change from the person who made it. Commands, tasks and migrations use
the primary.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = ("GET", "HEAD")
reading_from_replica = ContextVar("reading_from_replica", default=False)


class ReplicaRouter:
    """Reads go to the replica while a reader's request is served; writes never do."""

    def db_for_read(self, model, **hints):
        return REPLICA if reading_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def is_readers_request(request):
    return (
        request.method in SAFE_METHODS
        and not request.COOKIES
        and not request.path.startswith(settings.ADMIN_URL_PREFIX)
    )


class ReplicaReadsMiddleware:
    """Serves readers' requests from the replica; pins a writer to the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reading_from_replica.set(is_readers_request(request))
        try:
            response = self.get_response(request)
        finally:
            reading_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
