"""Real servers the stay-up tests start on ports of their own, and stop: Varnish, Redis, PostgreSQL.

Each is Debian's own program; a test that needs one it cannot find is skipped
with the package to install (.ci/run installs them).
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=20, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def program(name, package):
    path = shutil.which(name) or next(
        (str(p) for p in Path("/usr/sbin").glob(name) if p.exists()), None
    )
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


def stop(process):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGCONT)  # a frozen server must wake to hear TERM
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def redis_server():
    """A Redis of our own (no disk, no other client): yields (port, process)."""
    path = program("redis-server", "redis-server")
    port = free_port()
    process = subprocess.Popen(
        [path, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process=process)
        yield port, process
    finally:
        stop(process)


@contextlib.contextmanager
def varnish(backend_port):
    """Varnish running pagecache/varnish/newsroom.vcl in front of backend_port: yields its port."""
    from serving.serve import varnish_command  # the one way to start it: make serve's

    path = program("varnishd", "varnish")
    port = free_port()
    with tempfile.TemporaryDirectory() as work:
        command = varnish_command(path, Path(work), port, backend_port, memory="32m")
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_port(port, 60, process)
            yield port
        finally:
            stop(process)


def postgres_binary(name):
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        pytest.skip("PostgreSQL server programs are not installed (apt-get install postgresql)")
    return str(found[-1])


class Cluster:
    """A running PostgreSQL cluster of a test's own: its port, and ways to make it fail."""

    def __init__(self, port, data, halt):
        self.port, self.data, self.halt = port, data, halt

    def processes(self):
        """The postmaster, then its children (backends, checkpointer, walwriter...)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                # pid (comm) state ppid ...: comm may hold spaces, so split after ")".
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == postmaster:
                    children.append(int(stat.parent.name))
        return postmaster, children

    @contextlib.contextmanager
    def frozen(self):
        """SIGSTOP the whole server (it keeps its sockets open and answers nothing), and
        SIGCONT it at the end, whatever happened. The postmaster first: it forks no more."""
        postmaster, _ = self.processes()
        stopped = [postmaster]
        try:
            os.kill(postmaster, signal.SIGSTOP)
            for pid in self.processes()[1]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
                    stopped.append(pid)
            yield
        finally:
            for pid in reversed(stopped):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)


@contextlib.contextmanager
def postgres_cluster():
    """A PostgreSQL cluster of our own in a temporary folder: yields a Cluster.

    Run as the postgres user (initdb refuses root); never the shared server on 5432.
    """
    initdb, pg_ctl = postgres_binary("initdb"), postgres_binary("pg_ctl")
    port = free_port()
    work = tempfile.mkdtemp(prefix="newsroom-pg-")
    os.chmod(work, 0o777)
    data = Path(work) / "data"
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(*args):
        # No pipes: the server started by pg_ctl would hold them open.
        subprocess.run([*as_postgres, *args], check=True, stdout=subprocess.DEVNULL)

    run(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    options = f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(Path(work) / "postgres.log")
    start = lambda: run(pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start")  # noqa: E731
    halt = lambda: run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop")  # noqa: E731
    start()
    try:
        yield Cluster(port, data, halt)
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            halt()
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def nginx(app_port, static_root, media_root):
    """Debian's nginx with serving/nginx.conf.template in front of app_port: yields its port."""
    import importlib.util

    path = program("nginx", "nginx")
    spec = importlib.util.spec_from_file_location("serve", ROOT / "serving/serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    nginx_config = serve.nginx_config

    port = free_port()
    with tempfile.TemporaryDirectory() as run:
        os.chmod(run, 0o755)
        env = {"STATIC_ROOT": str(static_root), "MEDIA_ROOT": str(media_root)}
        conf = nginx_config(run, port, app_port, env)
        process = subprocess.Popen(
            [path, "-p", run, "-c", str(conf), "-e", f"{run}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, 20, process)
            yield port
        finally:
            stop(process)
