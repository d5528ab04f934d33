"""gunicorn behind nginx (serving/serve.py, README "Production").

Threads, not only processes: a request waiting on a stalled database or cache
holds a thread, and the other threads keep serving. nginx buffers slow clients,
so no thread waits on a reader's connection. Two workers of four threads on
two cores measured best in bench/traffic_bench.py (see README).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 10
keepalive = 30  # nginx keeps its upstream connections open
accesslog = None

# Web processes only (not management commands): no reader query runs longer than this.
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")
