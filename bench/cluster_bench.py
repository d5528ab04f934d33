"""Requests per second of the cluster (nginx over three app servers) against one app server.

Starts the cluster of `make cluster` on ports of its own with a PostgreSQL database whose
name contains "bench" (its content is replaced), fills it with articles, and runs wrk
against the article page and an uncached search page, through nginx and straight at one
app server, alternating runs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_cluster_bench \\
        .venv/bin/python bench/cluster_bench.py [--articles 2000] [--seconds 10]

On one 2-core machine the three app servers share the same two cores, so the cluster
cannot serve more than one server does; what it shows is the cost of the balancer and
that every node answers. On separate machines the figures add up.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_cluster import RunningCluster  # noqa: E402 (tests/ is on sys.path)

FILL = """
import random
from datetime import timedelta
from django.utils import timezone
from tests import factories
from articles.models import Article
section = factories.section("محليات", "محليات")
words = "المجلس البلدي ميزانية الحافلات المدينة الجسر الميناء المدارس الأسواق الحديقة".split()
rng = random.Random(7)
articles = [factories.unsaved_article(" ".join(rng.sample(words, 5)) + f" {n}", section,
            slug=f"خبر-{n}", published_at=timezone.now() - timedelta(minutes=n),
            body="<p>" + " ".join(rng.choices(words, k=120)) + "</p>")
            for n in range(COUNT)]
Article.objects.bulk_create(articles, batch_size=500)
from django.core.management import call_command
call_command("rebuild_search_index", verbosity=0)
"""


# Each request its own address (a counter in the query string), so the page cache
# never answers: what is measured is the search itself.
EVERY_REQUEST_ANEW = """
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "&n=" .. n .. "-" .. math.random(1000000000))
end
"""


def wrk(url, seconds, anew=False):
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if anew:
            script.write(EVERY_REQUEST_ANEW)
            script.flush()
            command += ["-s", script.name]
        done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    p99 = re.search(r"99%\s+(\S+)", done.stdout).group(1)
    return rate, int(errors.group(1)) if errors else 0, p99


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a PostgreSQL database whose name contains 'bench'.")
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres",
                    url.rsplit("/", 1)[-1]], check=True)  # fmt: skip
    running = RunningCluster(Path(tempfile.mkdtemp(prefix="cluster-bench-")), url)
    try:
        running.manage(FILL.replace("COUNT", str(options.articles)))
        pages = {
            "article": "/articles/" + quote("خبر-1") + "/",
            "search (uncached)": "/search/?q=" + quote("الجسر الميناء"),
        }
        for path in pages.values():  # every page answers before anything is measured
            assert requests.get(running.site + path, timeout=30).status_code == 200, path
        print(f"{'page':<20} {'through':<22} {'req/s':>8} {'p99':>9} {'errors':>7}")
        for name, path in pages.items():
            for label, base in (("nginx, 3 app servers", running.site),
                                ("one app server", running.nodes[0])) * 2:  # fmt: skip
                rate, errors, p99 = wrk(base + path, options.seconds, anew="uncached" in name)
                print(f"{name:<20} {label:<22} {rate:>8.1f} {p99:>9} {errors:>7}")
    finally:
        running.command("stop")


if __name__ == "__main__":
    main()
