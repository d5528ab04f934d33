"""`make serve`: the production stack on this machine.

    python serving/serve.py [--port 8080] [--app-port 8001] [--varnish-port 6081] [--run-dir .serve]

nginx (slow clients, static and media files, compression) in front of Varnish
(reader pages, purged by tag: pagecache/varnish/newsroom.vcl) in front of
gunicorn, and the task worker (renditions, search documents, pings, bans).
SERVE_VARNISH=0, or no varnishd installed, leaves Varnish out: nginx then
proxies to gunicorn. DEBUG=0; DATABASE_URL, CACHE_URL and the rest come from
the environment as in production. Static files are collected and migrations
applied first. Stops every server on Ctrl-C or SIGTERM.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SERVE_PORT", 8080)))
    parser.add_argument("--app-port", type=int, default=int(os.environ.get("APP_PORT", 8001)))
    parser.add_argument(
        "--varnish-port", type=int, default=int(os.environ.get("SERVE_VARNISH_PORT", 6081))
    )
    parser.add_argument("--run-dir", default=os.environ.get("SERVE_DIR", str(ROOT / ".serve")))
    return parser.parse_args()


def environment():
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "0")}
    if not env.get("SECRET_KEY"):
        print("serve: no SECRET_KEY in the environment; using a random one for this run.")
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env.setdefault("SECURE_COOKIES", "0")  # plain http on 127.0.0.1
    env.setdefault("COMMENTS_TRUSTED_PROXIES", "1")  # nginx adds X-Forwarded-For
    env.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))
    env.setdefault("MEDIA_ROOT", str(ROOT / "media"))
    return env


def nginx_config(run, port, app_port, env):
    """nginx's configuration, proxying to app_port (Varnish's, or gunicorn's)."""
    text = (ROOT / "serving/nginx.conf.template").read_text()
    values = {
        "run": run,
        "port": port,
        "app_port": app_port,
        "static_root": env["STATIC_ROOT"],
        "media_root": env["MEDIA_ROOT"],
    }
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    path = Path(run) / "nginx.conf"
    path.write_text(text)
    return path


def wait_for(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"serve: a server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"serve: nothing listens on {port}")


def varnishd():
    """varnishd's path, or None when it is not installed or SERVE_VARNISH=0."""
    if os.environ.get("SERVE_VARNISH", "1") != "1":
        return None
    return shutil.which("varnishd") or next(
        (path for path in ["/usr/sbin/varnishd"] if Path(path).exists()), None
    )


def varnish_command(program, run, port, backend_port, memory="256m"):
    """Varnish with the project's VCL, its backend on backend_port, state under run."""
    run.chmod(0o755)  # varnishd's worker process runs as its own user
    vcl = run / "newsroom.vcl"
    text = (ROOT / "pagecache/varnish/newsroom.vcl").read_text()
    vcl.write_text(text.replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    state = ["-n", str(run / "varnish"), "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
    return [program, "-F", *state, "-s", f"malloc,{memory}", "-T", "none"]


def start(args):
    """Start the servers; returns [(name, process, port or None)]."""
    env = environment()
    run = Path(args.run_dir).resolve()
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    run.chmod(0o755)
    manage = [sys.executable, str(ROOT / "manage.py")]
    if env.get("SERVE_PREPARE", "1") == "1":  # the bench's second stack shares the first's
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    Path(env["MEDIA_ROOT"]).mkdir(parents=True, exist_ok=True)
    servers, upstream = [], args.app_port
    varnish = varnishd()
    if varnish:
        env["CACHE_PURGE_URL"] = f"http://127.0.0.1:{args.varnish_port}/"
        env["COMMENTS_TRUSTED_PROXIES"] = "2"  # nginx, then Varnish, append to X-Forwarded-For
        command = varnish_command(varnish, run, args.varnish_port, args.app_port)
        servers.append(("varnish", subprocess.Popen(command), args.varnish_port))
        upstream = args.varnish_port
    env["GUNICORN_BIND"] = f"127.0.0.1:{args.app_port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "serving/gunicorn.conf.py")]
    app = subprocess.Popen([*gunicorn, "newsroom.wsgi"], cwd=ROOT, env=env)
    servers.append(("gunicorn", app, args.app_port))
    if env.get("TASKS_BACKEND", "database") != "immediate":
        worker = subprocess.Popen([*manage, "db_worker"], cwd=ROOT, env=env)
        servers.append(("task worker", worker, None))
    conf = nginx_config(run, args.port, upstream, env)
    nginx = [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(run), "-c", str(conf)]
    nginx += ["-e", str(run / "nginx-error.log")]
    servers.append(("nginx", subprocess.Popen(nginx), args.port))
    return servers


def main():
    args = arguments()
    servers = start(args)
    processes = [process for _, process, _ in servers]

    def stop(*_):
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(15)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _, process, port in servers:
        if port:
            wait_for(port, process)
    names = {name: f"{name} :{port}" if port else name for name, _, port in servers}
    chain = [names[n] for n in ("nginx", "varnish", "gunicorn") if n in names]
    extra = " and the task worker" if "task worker" in names else ""
    print(f"serve: Newsroom on http://127.0.0.1:{args.port}/ ({' -> '.join(chain)}{extra})", flush=True)
    while all(process.poll() is None for process in processes):
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    main()
