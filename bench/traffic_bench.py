"""Traffic benchmark: the page cache, compression and staying up, through `make serve`'s stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_traffic_bench \\
        .venv/bin/python bench/traffic_bench.py [--seconds 10]

The database's name must contain "bench": its content is replaced. The bench
starts a Redis of its own (CACHE_URL for the site), the site as `make serve`
runs it (nginx in front of gunicorn, DEBUG=0) and a trivial Django view on
the same settings and stack, and measures with wrk (Debian's `wrk`):

- cached seed article (50 comments) against the trivial view, alternating runs;
- the first view after a purge (the page rendered from the database);
- 100 connections for N seconds: errors and p99;
- readers' p99 with and without three clients sending a comment a byte a second;
- readers' p99 while Redis is frozen (SIGSTOP) for N seconds, and three
  comments posted meanwhile: all saved;
- bytes on the wire for the article without compression, gzip and brotli;
- the 100-connection spike again through `make serve`'s whole stack, Varnish
  included (the measurements above leave Varnish out: they are the app's).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import ensure_database  # noqa: E402

SECRET = "traffic-bench-only"
SEED_TITLE = "المجلس البلدي يناقش خطة النقل العام للسنوات الخمس المقبلة"
AE = "gzip, deflate, br"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing listens on {port}")


def seed():
    """Child mode (DEBUG=1 DEMO=1): a small newspaper and the seed article with 50 comments."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    from articles.models import Article, Author, Category
    from comments.models import Comment
    from tests import factories

    Comment.objects.all().delete()
    Article.objects.all().delete()
    Category.objects.all().delete()
    Author.objects.all().delete()
    sections = [
        factories.section(n, position=i)
        for i, n in enumerate(["محليات", "اقتصاد", "رياضة", "ثقافة"])
    ]
    writer = factories.author("هالة الصباغ", bio="محررة شؤون المدينة.")
    paragraph = (
        "<p>ناقش أعضاء المجلس البلدي في جلسة مطولة خطة النقل العام، وتضمنت الخطة خطوطًا جديدة "
        "للحافلات وممرات للدراجات وتوسعة لمحطة القطار المركزية، مع جدول زمني للتنفيذ على مراحل.</p>"
    )
    for i in range(24):
        factories.article(
            f"خبر محلي رقم {i} عن أحياء المدينة",
            sections[i % 4],
            authors=[writer],
            tags=["المدينة"],
            body=paragraph * 3,
        )
    article = factories.article(
        SEED_TITLE,
        sections[0],
        authors=[writer],
        tags=["النقل", "المدينة"],
        body=paragraph * 12,
        standfirst="خطة من ثلاث مراحل تبدأ العام المقبل.",
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"قارئ رقم {i}",
            email=f"r{i}@example.org",
            body=f"تعليق رقم {i}: أرجو أن تشمل الخطة الأحياء البعيدة عن وسط المدينة.",
            status=Comment.Status.APPROVED,
        )
        for i in range(50)
    )
    print(f"SEED {article.pk} {article.get_absolute_url()}", flush=True)


def stack(env, port, app_port, run_dir, settings_module=None, varnish=False):
    """serve.py on these ports: nginx -> gunicorn, or with varnish nginx -> Varnish -> gunicorn."""
    env = {**env, "SERVE_PORT": str(port), "APP_PORT": str(app_port), "SERVE_DIR": run_dir}
    env["SERVE_VARNISH"] = "1" if varnish else "0"
    varnish_port = free_port()
    env["SERVE_VARNISH_PORT"] = str(varnish_port)
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
        env["TASKS_BACKEND"] = "immediate"  # a trivial view has no tasks and no worker
    if settings_module or varnish:
        env["SERVE_PREPARE"] = "0"  # the first stack collected and migrated
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "serving/serve.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for listening in [port, app_port] + ([varnish_port] if varnish else []):
        wait_for_port(listening)
    return process


def wrk(url, seconds, connections, threads=2):
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "5s",
            "-H",
            f"Accept-Encoding: {AE}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * factor,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def get(url, encoding=None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.headers, r.read()


def slow_client(port, path, stop):
    """A comment sent one byte a second: holds a connection as long as it is let to."""
    body = urllib.parse.urlencode(
        {"name": "بطيء", "email": "slow@example.org", "body": "تعليق يصل ببطء شديد " * 20}
    ).encode()
    try:
        with socket.create_connection(("127.0.0.1", port), 5) as sock:
            sock.sendall(
                (
                    f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                ).encode()
            )
            for byte in body:
                if stop.is_set():
                    return
                sock.sendall(bytes([byte]))
                time.sleep(1)
    except OSError:
        return  # nginx cut it off (client_body_timeout): as it should


def post_comment(base, article_id, article_url, text, token):
    data = urllib.parse.urlencode(
        {"name": "قارئة", "email": "q@example.org", "body": text, "issued": token, "reference": ""}
    ).encode()
    request = urllib.request.Request(
        f"{base}/comments/post/{article_id}/",
        data,
        headers={"Origin": base, "Referer": base + article_url},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sweep", help="only compare gunicorn shapes, e.g. 2x4,4x1,3x2")
    args = parser.parse_args()
    if args.seed:
        return seed()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a PostgreSQL database whose name contains 'bench'.")
    ensure_database(url)
    for program in ("wrk", "nginx", "redis-server"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            sys.exit(f"{program} is missing: apt-get install {program}")

    work = tempfile.mkdtemp(prefix="traffic-bench-")
    redis_port = free_port()
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(redis_port)
    env = {
        **os.environ,
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_KEY_PREFIX": "traffic-bench",
        "STATIC_ROOT": f"{work}/static",
        "MEDIA_ROOT": f"{work}/media",
        "LOG_LEVEL": "WARNING",
        "COMMENTS_FLOOD_SECONDS": "0",
        "COMMENTS_HOURLY_LIMIT_PER_IP": "0",
    }
    seeded = subprocess.run(
        [sys.executable, __file__, "--seed"],
        env={**env, "DEBUG": "1", "DEMO": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    article_id, article_path = re.search(r"SEED (\d+) (\S+)", seeded).groups()

    if args.sweep:
        try:
            sweep(args, env, work, article_path)
        finally:
            redis.terminate()
            shutil.rmtree(work, ignore_errors=True)
        return

    site_port, trivial_port = free_port(), free_port()
    servers = [
        stack(env, site_port, free_port(), f"{work}/site"),
        stack(env, trivial_port, free_port(), f"{work}/trivial", "bench.trivial_settings"),
    ]
    base = f"http://127.0.0.1:{site_port}"
    article = base + article_path
    try:
        run(
            args,
            env,
            base,
            article,
            article_id,
            article_path,
            f"http://127.0.0.1:{trivial_port}/",
            redis,
            site_port,
        )
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        shutil.rmtree(work, ignore_errors=True)


def sweep(args, env, work, article_path):
    """--sweep 2x4,4x1: the cached article under gunicorn workers x threads, one stack each."""
    for i, shape in enumerate(args.sweep.split(",")):
        workers, threads = shape.split("x")
        port = free_port()
        shaped = {**env, "GUNICORN_WORKERS": workers, "GUNICORN_THREADS": threads}
        if i:
            shaped["SERVE_PREPARE"] = "0"
        server = stack(shaped, port, free_port(), f"{work}/sweep{i}")
        try:
            article = f"http://127.0.0.1:{port}{article_path}"
            get(article, AE)
            calm, spike = wrk(article, 5, 16), wrk(article, args.seconds, 100)
            print(
                f"gunicorn {workers} workers x {threads} threads: {calm['rps']:.0f} req/s "
                f"(16 connections); 100 connections: p99 {spike['p99_ms']:.1f} ms, "
                f"errors {spike['errors']}"
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)


def django_ready(env):
    """This process as one of the site's (same database, cache and key), for purges and tokens."""
    if not hasattr(django_ready, "done"):
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
        import django

        django.setup()
        django_ready.done = True


def purge_everything(env):
    """As an editor's save does: a purge time for the tag every page carries."""
    django_ready(env)
    from pagecache.purging import purge

    purge(["site"])


def comment_token(env, article_id):
    """The form's signed time, as a page shown a minute ago carries it."""
    django_ready(env)
    from articles.models import Article
    from comments.forms import form_token

    return form_token(Article.objects.get(pk=article_id), issued=time.time() - 60)


def runs(values):
    return ", ".join(f"{value:.0f}" for value in values)


def run(args, env, base, article, article_id, article_path, trivial, redis, site_port):
    seconds = args.seconds
    for url in (article, trivial):
        get(url, AE)
    print(f"== traffic bench: {os.cpu_count()} cores, wrk -t2, {seconds} s runs ==")

    cached, plain = [], []
    for _ in range(3):  # alternating, so both see the same machine
        cached.append(wrk(article, 5, 16)["rps"])
        plain.append(wrk(trivial, 5, 16)["rps"])
    ratio = statistics.median(cached) / statistics.median(plain)
    print(f"cached article: {statistics.median(cached):.0f} req/s (runs {runs(cached)})")
    print(f"trivial view:   {statistics.median(plain):.0f} req/s (runs {runs(plain)})")
    print(f"cached article / trivial view: {ratio:.0%} (target >= 80%)")

    times = []
    for _ in range(10):
        purge_everything(env)
        started = time.monotonic()
        headers, _ = get(article, AE)
        times.append((time.monotonic() - started) * 1000)
        assert headers["X-Page-Cache"] == "MISS", headers["X-Page-Cache"]
    print(
        f"first view after a purge: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms"
    )

    spike = wrk(article, seconds, 100)
    print(
        f"100 connections, {seconds} s: {spike['rps']:.0f} req/s, p99 {spike['p99_ms']:.1f} ms, "
        f"errors {spike['errors']} (target: 0 errors, p99 < 100 ms)"
    )

    calm = wrk(article, seconds, 10)
    stop = threading.Event()
    slow = [
        threading.Thread(
            target=slow_client, args=(site_port, f"/comments/post/{article_id}/", stop)
        )
        for _ in range(3)
    ]
    for thread in slow:
        thread.start()
    time.sleep(1)
    slowed = wrk(article, seconds, 10)
    stop.set()
    print(
        f"readers' p99: {calm['p99_ms']:.1f} ms alone, "
        f"{slowed['p99_ms']:.1f} ms with 3 slow clients "
        f"(errors {slowed['errors']})"
    )

    texts = [f"تعليق رقم {i} أرسل والذاكرة المؤقتة متجمدة {time.time_ns()}" for i in range(3)]
    statuses = []
    token = comment_token(env, article_id)
    redis.send_signal(signal.SIGSTOP)
    try:
        poster = threading.Thread(
            target=lambda: statuses.extend(
                post_comment(base, article_id, article_path, text, token) for text in texts
            )
        )
        poster.start()
        frozen = wrk(article, seconds, 10)
        poster.join()
    finally:
        redis.send_signal(signal.SIGCONT)
    from comments.models import Comment

    saved = Comment.objects.filter(body__in=texts).count()
    print(
        f"Redis frozen {seconds} s: {frozen['rps']:.0f} req/s, p99 {frozen['p99_ms']:.1f} ms, "
        f"errors {frozen['errors']}; comments posted {statuses}, saved {saved} of 3 "
        "(target: p99 < 1 s, none lost)"
    )

    sizes = {enc or "none": len(get(article, enc)[1]) for enc in (None, "gzip", "br")}
    print("article bytes on the wire: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))

    if shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists():
        spike = whole_stack_spike(env, article_path, seconds)
        print(
            f"100 connections through make serve's whole stack (nginx -> Varnish -> gunicorn), "
            f"{seconds} s: {spike['rps']:.0f} req/s, p99 {spike['p99_ms']:.1f} ms, "
            f"errors {spike['errors']} (target: 0 errors, p99 < 100 ms)"
        )


def whole_stack_spike(env, article_path, seconds):
    """The 100-connection spike against `make serve` as production runs it, Varnish included."""
    port = free_port()
    with tempfile.TemporaryDirectory() as work:
        server = stack(env, port, free_port(), work, varnish=True)
        try:
            front = f"http://127.0.0.1:{port}{article_path}"
            get(front, AE)  # Varnish keeps it from here on
            return wrk(front, seconds, 100)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)


if __name__ == "__main__":
    main()
