"""`make cluster`: Newsroom as several machines would run it, on this one.

An S3-compatible server (moto) on 127.0.0.1:9000, three app servers (gunicorn on
127.0.0.1:8001-8003, each in an empty working directory of its own, as separate
machines would be), one task worker, and nginx on http://127.0.0.1:8080/ balancing
across them, with PostgreSQL (DATABASE_URL) and Redis (CACHE_URL) from the environment.

    python cluster/cluster.py start [--run DIR] [--port 8080] [--app-port 8001] [--s3-port 9000]
    python cluster/cluster.py stop [--run DIR]

Everything it starts is recorded in DIR/processes.json, so `stop` ends all of it.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3

PROJECT = Path(__file__).resolve().parent.parent
BUCKET = "newsroom-media"
APP_SERVERS = 3


def node_environment(run, options):
    """What every app server and the worker get: production settings, shared services."""
    settings = json.loads((run / "cluster.json").read_text())
    s3 = f"http://127.0.0.1:{options.s3_port}"
    return {
        **os.environ,
        "DEBUG": "0",
        "DEMO": "0",
        "SECRET_KEY": settings["secret_key"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_cluster"
        ),
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/0"),
        "CACHE_KEY_PREFIX": settings["cache_prefix"],
        "STATIC_ROOT": str(run / "static"),
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{options.s3_port}/{BUCKET}",
        "AWS_S3_URL_PROTOCOL": "http:",
        "AWS_DEFAULT_ACL": "public-read",
        "AWS_ACCESS_KEY_ID": "cluster",
        "AWS_SECRET_ACCESS_KEY": "cluster",
        "TASKS_BACKEND": "database",
        "PYTHONPATH": str(PROJECT),
    }


def ensure_database(url):
    """The shared PostgreSQL database of the cluster, created when missing."""
    import psycopg2
    from psycopg2 import sql

    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True  # CREATE DATABASE runs outside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing answers on 127.0.0.1:{port}")


class Cluster:
    def __init__(self, options):
        self.options = options
        self.run = Path(options.run).resolve()
        self.processes = {}

    def spawn(self, name, command, cwd, env):
        log = open(self.run / f"{name}.log", "ab")
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = process.pid
        self.save()

    def save(self):
        (self.run / "processes.json").write_text(json.dumps(self.processes))

    def start(self):
        self.run.mkdir(parents=True, exist_ok=True)
        config = self.run / "cluster.json"
        if not config.exists():
            prefix = f"cluster-{secrets.token_hex(4)}"
            config.write_text(json.dumps({"secret_key": secrets.token_urlsafe(50),
                                          "cache_prefix": prefix}))  # fmt: skip
        self.start_s3()
        env = node_environment(self.run, self.options)
        ensure_database(env["DATABASE_URL"])
        manage = [sys.executable, str(PROJECT / "manage.py")]
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([*manage, *command], env=env, check=True)
        for n in range(APP_SERVERS):
            self.start_app_server(n, env)
        node = self.run / "worker"
        node.mkdir(exist_ok=True)
        self.spawn("worker", [*manage, "db_worker", "--interval", "0.5"], node, env)
        self.start_nginx()
        print(f"Newsroom cluster: http://127.0.0.1:{self.options.port}/ (stop: make cluster-stop)")

    def start_s3(self):
        port = self.options.s3_port
        server = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
        self.spawn("s3", server, self.run, os.environ)
        wait_for_port(port)
        client = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{port}",
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
        )
        client.create_bucket(Bucket=BUCKET)  # moto serves its objects to anyone

    def start_app_server(self, n, env):
        port = self.options.app_port + n
        node = self.run / f"app{n + 1}"
        node.mkdir(exist_ok=True)  # empty: this machine has only the code and its settings
        gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi"]
        gunicorn += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"]
        self.spawn(f"app{n + 1}", gunicorn, node, env)
        wait_for_port(port)

    def start_nginx(self):
        servers = "\n".join(
            f"    server 127.0.0.1:{self.options.app_port + n} max_fails=1 fail_timeout=5s;"
            for n in range(APP_SERVERS)
        )
        template = (PROJECT / "cluster" / "nginx.conf").read_text()
        conf = self.run / "nginx.conf"
        conf.write_text(template.format(run=self.run, servers=servers, port=self.options.port))
        subprocess.run(["nginx", "-p", str(self.run), "-c", str(conf), "-e", "stderr"], check=True)
        self.processes["nginx"] = int((self.run / "nginx.pid").read_text())
        self.save()
        wait_for_port(self.options.port)

    def stop(self):
        recorded = self.run / "processes.json"
        if not recorded.exists():
            return
        for name, pid in json.loads(recorded.read_text()).items():
            stop_process(pid, name)
        recorded.unlink()


def stop_process(pid, name):
    try:
        os.killpg(pid, signal.SIGTERM) if name != "nginx" else os.kill(pid, signal.SIGQUIT)
    except ProcessLookupError:
        return
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL) if name != "nginx" else os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--run", default=str(PROJECT / ".cluster"))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--app-port", type=int, default=8001)
    parser.add_argument("--s3-port", type=int, default=9000)
    options = parser.parse_args(argv)
    cluster = Cluster(options)
    if options.action == "start":
        cluster.stop()
        cluster.start()
    else:
        cluster.stop()


if __name__ == "__main__":
    main()
