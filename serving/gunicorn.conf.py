"""gunicorn behind nginx (serving/serve.py, README "Production").

Threads, not only processes: a request waiting on a stalled database or cache
holds a thread, and the other threads keep serving. nginx buffers slow clients,
so no thread waits on a reader's connection. On two cores, three workers of
four threads served the cached article fastest of the shapes tried
(`bench/traffic_bench.py --sweep 2x4,4x1,2x1,3x4`, then `3x4,2x4,3x2,3x4`;
README "Production").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 10
keepalive = 30  # nginx keeps its upstream connections open
accesslog = None

# Web processes only (not management commands): no reader query runs longer than this,
# and a database that stops answering altogether is given up on a second later
# (newsroom/database_wait.py): a frozen server costs a reader at most that and
# DB_CONNECT_TIMEOUT (9 s), not the 30 s timeout.
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")
os.environ.setdefault("DB_WAIT_SECONDS", "6")
