"""Background work on Django's tasks API (the django-tasks backport; database backend by default).

A task that fails is logged with its traceback and enqueued again, later each time,
until it has run TASK_ATTEMPTS times; its failed runs stay in the task results, so
nothing is lost silently. Task functions must be safe to run again.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("newsroom.background")


def retried(func):
    """Under @task(): run func; on failure log it and enqueue the task once more, later."""

    @functools.wraps(func)
    def run(*args, attempt=1, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception:
            last = attempt >= settings.TASK_ATTEMPTS
            logger.exception(
                "Task %s%r failed (attempt %d of %d)%s",
                func.__qualname__,
                args,
                attempt,
                settings.TASK_ATTEMPTS,
                "; giving up" if last else "; it will run again",
            )
            if not last:
                enqueue_again(func, args, kwargs, attempt + 1)
            raise

    return run


def enqueue_again(func, args, kwargs, attempt):
    task = import_string(f"{func.__module__}.{func.__name__}")
    if task.get_backend().supports_defer:
        delay = timedelta(seconds=settings.TASK_RETRY_SECONDS * 2 ** (attempt - 2))
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(*args, attempt=attempt, **kwargs)
