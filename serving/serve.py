"""`make serve`: the production stack on this machine, nginx in front of gunicorn.

    python serving/serve.py [--port 8080] [--app-port 8001] [--run-dir .serve]

DEBUG=0; DATABASE_URL, CACHE_URL and the rest come from the environment as in
production. Static files are collected and migrations applied first. Stops
both servers on Ctrl-C or SIGTERM.
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


def start(args):
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
    env["GUNICORN_BIND"] = f"127.0.0.1:{args.app_port}"
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "serving/gunicorn.conf.py"),
            "newsroom.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    conf = nginx_config(run, args.port, args.app_port, env)
    nginx = subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(run),
            "-c",
            str(conf),
            "-e",
            str(run / "nginx-error.log"),
        ]
    )
    return app, nginx


def main():
    args = arguments()
    app, nginx = start(args)
    servers = [app, nginx]

    def stop(*_):
        for server in servers:
            if server.poll() is None:
                server.terminate()
        for server in servers:
            server.wait(15)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    wait_for(args.app_port, app)
    wait_for(args.port, nginx)
    print(
        f"serve: Newsroom on http://127.0.0.1:{args.port}/ (nginx -> gunicorn :{args.app_port})",
        flush=True,
    )
    while all(server.poll() is None for server in servers):
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    main()
