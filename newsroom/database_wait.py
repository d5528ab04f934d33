"""A deadline on every wait for PostgreSQL, so a frozen server cannot hang a web worker.

psycopg2 has no read timeout, and a server that is stopped with SIGSTOP (or a
host that vanished without closing its connections) never applies its own
statement_timeout: the worker would wait until gunicorn kills it. With a wait
callback psycopg2 hands every wait (connecting included) to `wait_for_answer`,
which selects on the connection's socket with a deadline and raises
`OperationalError` when it passes. psycopg2 then closes the connection, Django
discards it, and the page cache's outage handling answers the reader. (With a
wait callback libpq no longer applies connect_timeout itself: connecting gets
DB_CONNECT_TIMEOUT here.)

DB_WAIT_SECONDS (0 = no deadline) is set for web processes only
(serving/gunicorn.conf.py), above the statement timeout: a slow query is
cancelled by the server and its connection kept; only a silent server reaches
the deadline. Management commands (migrations, rebuilds, the task worker) keep
the plain blocking waits, so a long maintenance statement is never cut off.
"""

import select
import time

import psycopg2
from psycopg2 import extensions

_seconds = {"answer": 0.0, "connect": 0.0}


def install(seconds, connect_seconds):
    """Bound each wait for the database in this process: `seconds` for an answer,
    `connect_seconds` to connect (seconds=0 takes the deadline off)."""
    _seconds.update(answer=float(seconds), connect=float(connect_seconds))
    extensions.set_wait_callback(wait_for_answer if seconds else None)


def wait_for_answer(connection):
    """psycopg2's wait callback: poll until done, never longer than the deadline in all."""
    connecting = connection.status == extensions.STATUS_SETUP
    seconds = _seconds["connect" if connecting else "answer"]
    deadline = time.monotonic() + seconds
    while True:
        state = connection.poll()
        if state == extensions.POLL_OK:
            return
        if state not in (extensions.POLL_READ, extensions.POLL_WRITE):
            raise psycopg2.OperationalError(f"unexpected poll state {state}")
        left = deadline - time.monotonic()
        reading = state == extensions.POLL_READ
        fd = connection.fileno()
        ready = select.select([fd] if reading else [], [] if reading else [fd], [], max(left, 0))
        if not any(ready):
            doing = "connect" if connecting else "answer"
            raise psycopg2.OperationalError(f"the database did not {doing} within {seconds:g} s")
