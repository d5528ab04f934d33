"""A logging filter that lets the same message through once per interval."""

import logging
import time


class OncePerInterval(logging.Filter):
    """Pass a record only if its message template was not passed in the last `seconds`."""

    def __init__(self, seconds=60):
        super().__init__()
        self.seconds = seconds
        self.last = {}

    def filter(self, record):
        now = time.monotonic()
        key = (record.name, record.msg)
        if now - self.last.get(key, -self.seconds) < self.seconds:
            return False
        self.last[key] = now
        return True
