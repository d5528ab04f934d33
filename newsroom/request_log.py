"""How requests are logged: expected client errors as one line, never a traceback."""

import logging

# What clients (and bots) cause by asking badly: worth a line, not a traceback.
CLIENT_ERROR_STATUSES = frozenset({400, 403, 404, 405, 429})


class OneLineClientErrors(logging.Filter):
    """Drop the traceback from Django's log of an expected client error.

    Django logs a refused request (BadRequest, PermissionDenied, a suspicious
    Host header) with the exception attached, so every bad request a bot
    sends would print a whole traceback; the status, method and path say
    everything useful. Server errors (5xx) keep their tracebacks.
    """

    def filter(self, record):
        if getattr(record, "status_code", None) in CLIENT_ERROR_STATUSES:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            request = getattr(record, "request", None)
            method = getattr(request, "method", None)
            message = record.getMessage().replace("\n", " ").replace("\r", " ")
            record.msg = f"{record.status_code} {method} {message}" if method else message
            record.args = ()
        return True
