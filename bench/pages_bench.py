"""Reader pages benchmark: render time of every kind of page over a large newspaper.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_pages_bench \\
        .venv/bin/python bench/pages_bench.py [--articles 5000] [--comments 200] [--repeat 30]

The database's name must contain "bench": its content is replaced. A PostgreSQL
database is created if missing. The newspaper is 8 sections, 12 authors, 40 tags
and the given number of published articles; one article carries the given number
of approved comments, half of them replies. Every page is requested through
Django's test client with DEBUG off and the local-memory cache, so the figures are
Django's own work (queries, templates), without a web server in front.

Reports, for each page, the median and 95th percentile render time, the number of
queries and the size of the HTML. The query counts must not grow with the data:
tests pin them; this shows what they cost.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# As in production: hashed static files from a collectstatic run.
os.environ.setdefault("STATIC_ROOT", "/tmp/newsroom-bench-static")

from search_bench import ensure_database, percentile  # noqa: E402 (bench/ is on sys.path)

SECTIONS = ["سياسة", "اقتصاد", "ثقافة", "رياضة", "علوم", "صحة", "محليات", "رأي"]
AUTHORS = [
    "سلمى حداد", "كريم عاشور", "نادية الخطيب", "عمر سليمان", "ليلى منصور", "رامي يوسف",
    "هدى العلي", "سامر ناصر", "ريم الشامي", "فادي حسن", "مها إبراهيم", "باسل خليل",
]  # fmt: skip
WORDS = (
    "المجلس البلدي الميزانية المدينة السوق القديم المحطة المياه الطاقة الشمسية المدرسة "
    "الجامعة المستشفى الطريق الجسر الميناء المعرض الكتاب المهرجان الفريق البطولة الملعب "
    "الأسعار الشركات الناشئة المزارعون المحصول الأمطار السكان الحي الشمالي الواجهة البحرية"
).split()
BODY = "".join(
    f"<h2>{WORDS[i]} {WORDS[i + 1]}</h2><p>{' '.join(WORDS[i : i + 18])}.</p>" for i in range(3)
)


def prepare_database(url):
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("The database name must contain 'bench': its content is replaced.")
    if url.startswith("postgres"):
        ensure_database(url)


def build_newspaper(articles, comments):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, Author, Category
    from comments.models import Comment

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Category.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()

    sections = Category.objects.bulk_create(
        Category(name=name, slug=name, position=i) for i, name in enumerate(SECTIONS)
    )
    authors = Author.objects.bulk_create(
        Author(name=name, slug=name.replace(" ", "-")) for name in AUTHORS
    )
    tags = Tag.objects.bulk_create(Tag(name=f"وسم {i}", slug=f"وسم-{i}") for i in range(40))
    now = timezone.now()
    made = Article.objects.bulk_create(
        Article(
            title=f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} رقم {i}",
            slug=f"خبر-{i}",
            standfirst=" ".join(WORDS[(i + k) % len(WORDS)] for k in range(12)),
            body=BODY,
            body_html=BODY,
            category=sections[i % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=10 * i + 1),
            is_featured=i == 0,
        )
        for i in range(articles)
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article=article, author=authors[(i + k) % len(authors)])
        for i, article in enumerate(made)
        for k in range(2)
    )
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=article_type, object_id=article.pk, tag=tags[(i + k) % len(tags)])
        for i, article in enumerate(made)
        for k in (0, 7, 13)
    )
    call_command("rebuild_search_index", verbosity=0)

    commented = made[0]
    parents = Comment.objects.bulk_create(
        Comment(
            article=commented,
            name=f"قارئ {i}",
            email=f"reader{i}@example.org",
            body=" ".join(WORDS[i % 10 : i % 10 + 15]),
            status=Comment.Status.APPROVED,
            created_at=now - timedelta(minutes=comments - i),
        )
        for i in range(comments // 2)
    )
    Comment.objects.bulk_create(
        Comment(
            article=commented,
            parent=parent,
            name=f"مجيب {i}",
            email=f"answer{i}@example.org",
            body=" ".join(WORDS[i % 12 : i % 12 + 10]),
            status=Comment.Status.APPROVED,
            created_at=now - timedelta(minutes=comments // 2 - i),
        )
        for i, parent in enumerate(parents)
    )
    if connection.vendor == "postgresql":
        # Statistics for the planner, as autovacuum would gather on a live site.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made


def count_queries(client, url):
    from django.db import connection

    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    return len(executed)


def measure(pages, repeat):
    from django.test import Client

    client = Client()
    print(f"{'page':<28}{'median':>9}{'p95':>9}{'queries':>9}{'HTML':>10}")
    for label, url in pages:
        response = client.get(url)  # warm the template and connection caches
        assert response.status_code == 200, (url, response.status_code)
        queries = count_queries(client, url)
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:<28}{statistics.median(timings):>7.1f}ms{percentile(timings, 0.95):>7.1f}ms"
            f"{queries:>9}{len(response.content) / 1024:>8.1f}KB"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to a database whose name contains 'bench'.")
    prepare_database(url)

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host; DEBUG stays off

    started = time.perf_counter()
    made = build_newspaper(options.articles, options.comments)
    print(
        f"{options.articles} articles, {options.comments} comments on one, built in "
        f"{time.perf_counter() - started:.1f} s ({django.db.connection.vendor})\n"
    )
    commented, quiet = made[0], made[1]
    from django.conf import settings

    # A page well into a section's archive (the 20th, when there are that many).
    deep = max(1, min(20, len(made) // len(SECTIONS) // settings.ARTICLES_PER_PAGE))
    pages = [
        ("home", "/"),
        ("article, no comments", quiet.get_absolute_url()),
        (f"article, {options.comments} comments", commented.get_absolute_url()),
        ("section", commented.category.get_absolute_url()),
        (f"section, page {deep}", f"{commented.category.get_absolute_url()}?page={deep}"),
        ("tag", quote("/tags/وسم-0/")),
        ("author", commented.authors.first().get_absolute_url()),
        ("search, one article", f"/search/?q={len(made) // 2}"),
        # Every generated article has these words: the worst case (real queries: search_bench).
        ("search, every article", "/search/?q=" + quote("الميزانية المدينة")),
        ("site feed (RSS)", "/feeds/rss/"),
        ("comments feed", quote(f"/comments/{commented.slug}/rss/")),
        ("articles sitemap", "/sitemap-articles.xml"),
    ]
    measure(pages, options.repeat)


if __name__ == "__main__":
    main()
