"""The search benchmark's 30 queries timed with the code of another checkout, to run
before/after comparisons on one database, interleaved:

    git worktree add /tmp/before <commit>
    DEBUG=1 DEMO=1 DATABASE_URL=postgres://…/newsroom_search_bench \\
        .venv/bin/python bench/search_compare.py /tmp/before [--repeat 5]

Reports the median and 95th percentile over every timed run (the first run of each
query warms caches and is not counted), as bench/search_bench.py does. The database
must already hold the benchmark's articles (bench/search_bench.py builds them).

--buffers reports instead what does not depend on the machine's load: the shared
buffers every statement of the 30 searches touches, summed from EXPLAIN (ANALYZE,
BUFFERS) of each statement as the search ran it.
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
    parser.add_argument("--buffers", action="store_true", help="buffers, not times")
    args = parser.parse_args()
    root = os.path.abspath(args.checkout)
    sys.path[:0] = [root, os.path.join(root, "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from search_bench import QUERIES, measure_search, percentile

    import search.query

    print(f"code from {os.path.dirname(os.path.dirname(search.query.__file__))}")
    if args.buffers:
        print(f"search ({len(QUERIES)} queries): {sum(map(buffers, QUERIES))} shared buffers")
        return
    started = time.perf_counter()
    timings = [t * 1000 for t in measure_search(args.repeat, False)]
    print(
        f"search ({len(QUERIES)} queries): median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms ({len(timings)} runs, "
        f"{time.perf_counter() - started:.0f} s)"
    )


def buffers(query):
    """The shared buffers (hit and read) of every statement one search runs."""
    from django.db import connection

    from search.query import ArticleSearch, ReaderQuery

    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        ArticleSearch(ReaderQuery(query)).page(1, 12)
    total = 0
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0][0]["Plan"]
            total += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return total


if __name__ == "__main__":
    main()
