"""The search benchmark's 30 queries timed with the code of another checkout, to run
before/after comparisons on one database, interleaved:

    git worktree add /tmp/before <commit>
    DEBUG=1 DEMO=1 DATABASE_URL=postgres://…/newsroom_search_bench \\
        .venv/bin/python bench/search_compare.py /tmp/before [--repeat 5]

Reports the median and 95th percentile over every timed run (the first run of each
query warms caches and is not counted), as bench/search_bench.py does. The database
must already hold the benchmark's articles (bench/search_bench.py builds them).
"""

import argparse
import os
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkout", help="the root of the checkout whose code is timed")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = os.path.abspath(args.checkout)
    sys.path[:0] = [root, os.path.join(root, "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from search_bench import QUERIES, measure_search, percentile

    import search.query

    print(f"code from {os.path.dirname(os.path.dirname(search.query.__file__))}")
    started = time.perf_counter()
    timings = [t * 1000 for t in measure_search(args.repeat, False)]
    print(
        f"search ({len(QUERIES)} queries): median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms ({len(timings)} runs, "
        f"{time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
