"""Search benchmark: 50,000 generated Arabic articles in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_search_bench \\
        .venv/bin/python bench/search_bench.py [--articles 50000] [--repeat 5] [--regenerate]

The database must be PostgreSQL and its name must contain "bench": the script
replaces every article in it. It is created if missing. Articles are generated
once and kept; the next run reuses them if the count matches (--regenerate to
start over). All text comes from the small vocabulary below, written for this
benchmark.

Reports the median and 95th percentile of the search (everything the search page
asks the database: near-miss lookups, count, first page) over a fixed query list,
the same for the whole search page (HTTP, templates, highlighting), and the time
to save one article with its search document built in the save (the immediate
task backend) and with it enqueued for the task worker (the database backend).
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

# --- Vocabulary (written for this benchmark) -----------------------------------
#
# Hand-written news words and place names, plus a larger everyday vocabulary
# made by putting hand-picked three-letter roots into common word patterns
# (فاعل، مفعول، فعالة …), so that word frequencies look like a newspaper's: a few
# words in a large share of articles, most in few. Each article has a topic
# (its own word set), one to three places and a few names.

PLACES = """
غزة القدس رام_الله بيروت دمشق حلب بغداد الموصل البصرة عمان القاهرة الإسكندرية الخرطوم
طرابلس تونس الجزائر الرباط نواكشوط موريتانيا الرياض جدة الدوحة الكويت المنامة مسقط صنعاء
عدن أبوظبي دبي إسطنبول أنقرة طهران كابول إسلام_آباد نيودلهي بكين موسكو كييف برلين باريس
لندن روما مدريد جنيف فيينا بروكسل واشنطن نيويورك أوتاوا البرازيل الأرجنتين سوريا لبنان
العراق الأردن فلسطين مصر السودان ليبيا اليمن السعودية قطر البحرين الإمارات تركيا إيران
أربيل حمص إدلب نابلس جنين الخليل صيدا صور طنجة فاس وهران سوسة أسوان الأقصر تعز المكلا
""".split()

TOPICS = [
    "انتخابات ناخب مرشح اقتراع صندوق دائرة برلمان مقعد حملة فرز نتائج حزب تحالف لجنة",
    "حكومة وزير وزارة رئيس قرار مرسوم مجلس جلسة تعديل حقيبة ائتلاف استقالة ثقة",
    "حرب هدنة قصف غارة جيش قوات جندي هجوم انفجار ضحية جريح مسلح دبابة صاروخ",
    "لاجئ مخيم نازح مساعدات قافلة إغاثة خيمة غذاء ماء دواء منظمة متطوع تبرع",
    "مستشفى طبيب مريض لقاح وباء عيادة ممرض جراحة علاج سرير إسعاف صحة فيروس",
    "مدرسة جامعة طالب معلم امتحان منحة فصل كلية شهادة تخرج منهج تعليم أستاذ",
    "اقتصاد سوق أسعار تضخم عملة دولار مصرف بنك فائدة قرض ديون ميزانية ضريبة استثمار",
    "نفط غاز برميل إنتاج تصدير حقل مصفاة طاقة كهرباء محطة وقود شمس رياح",
    "قمح خبز مخبز مزارع محصول موسم أمطار جفاف ري حصاد سماد مواشي زراعة",
    "زلزال فيضان عاصفة حريق إعصار إنقاذ أنقاض دفاع_مدني إجلاء سيول مناخ",
    "فريق منتخب مباراة بطولة لاعب مدرب هدف ملعب جمهور كأس دوري ميدالية حكم",
    "ثقافة كتاب معرض مهرجان فيلم مسرح موسيقى فنان شاعر رواية متحف تراث جائزة",
    "محكمة قاض محام تحقيق فساد متهم حكم سجن أسير إفراج نيابة شاهد قضية",
    "احتجاج مظاهرة إضراب نقابة أجور عامل بطالة مصنع شركة وظيفة عقد معاش",
    "قمة زيارة وفد سفير سفارة علاقات اتفاق مفاوضات وساطة بيان تعاون شراكة",
    "تقنية هاتف إنترنت شبكة بيانات اختراق منصة تطبيق ذكاء برمجة شريحة حاسوب",
    "طريق جسر مطار ميناء قطار حافلة سيارة نقل ازدحام رحلة طيران مسافر تذكرة",
    "سكن إيجار عقار شقة بناء بلدية مخطط حي شارع صرف بنية مشروع تطوير",
]

ROOTS = """
كتب درس علم عمل حكم قتل سلم حرب نصر فتح خرج دخل رجع وصل قبل بعث جمع فرق شرك قدم
نظم سجل حصل نقل طلب صرح عرض ظهر نشر كشف بحث فحص حفظ رفع خفض زرع صنع بني هدم جرح
سكن شرب طبخ غسل لبس ركب سفر عبر قطع وقع وضع نفذ منع سمح فرض عقد حضر غيب شهد ذكر
نسي فهم قرأ سمع نظر حسب قدر ربح خسر دفع سرق حمل ضرب صبر شكر خدم سعد فرح حزن غضب
هجم دفع أمن خوف رعب نجح فشل حلم صدق كذب عدل ظلم حرم حلل جهد نهض سقط صعد نزل ملك
""".split()

PATTERNS = [
    "{0}{1}{2}",
    "{0}ا{1}{2}",
    "م{0}{1}و{2}",
    "م{0}{1}{2}",
    "م{0}{1}{2}ة",
    "{0}{1}ا{2}",
    "{0}{1}ا{2}ة",
    "ت{0}{1}ي{2}",
    "م{0}ا{1}{2}ة",
    "است{0}{1}ا{2}",
    "{0}{1}ي{2}",
    "م{0}ا{1}{2}",
    "ت{0}ا{1}{2}",
]

VERBS = """
أعلن قال أكد أفاد كشف نفى رفض وافق قرر بحث ناقش استقبل زار التقى وقع أطلق افتتح بدأ
أنهى واصل شهد سجل ارتفع انخفض تراجع تضاعف تجاوز بلغ حقق فاز خسر تعادل أصيب اعتقل
أفرج حذر طالب دعا انتقد اتهم أدان رحب توقع أشار أوضح أضاف تابع نشر أصدر منح خصص
""".split()

ADJECTIVES = """
جديد كبير صغير دولي محلي وطني عربي إقليمي رسمي سياسي اقتصادي عسكري أمني إنساني صحي
تعليمي ثقافي رياضي اجتماعي شعبي حكومي خاص عام سريع قوي ضعيف أول أخير ثاني مقبل
سابق حالي شمالي جنوبي شرقي غربي مركزي عالمي تاريخي مفاجئ واسع محدود طارئ كامل
""".split()

NAMES = """
أحمد محمد علي حسن سعيد خالد عمر يوسف إبراهيم سامي فاطمة مريم ليلى نور سلمى هدى رنا
منصور حداد الخطيب النجار العلي السيد الحسيني القاسم الزين الشامي داعش
""".split()

CONNECTORS = "في من على إلى عن مع بعد قبل خلال منذ حول بين ضد نحو أن التي الذي".split()
PARTICLES = ["", "", "", "", "", "", "و", "و", "ف", "ب", "ل", "ك"]
ARTICLE = ["", "ال", "ال", "ال", "وال", "بال", "لل"]
ENDINGS = ["", "", "", "", "", "ات", "ون", "ين", "ها", "هم"]
NUMERALS = "٢٠٢٤ ٢٠٢٥ 2023 15 ١٢ 300 ٤٥ 7 ١٠٠ 2026".split()

# The search list: common and rare words, prefixes, suffixes, hamza-less and
# vocalized typing, digits, phrases, near misses and a query with no results.
QUERIES = [
    "غزة",
    "بغزة",
    "الحكومة",
    "والحكومات",
    "حكومتها",
    "لداعش",
    "المستشفى",
    "مستشفيات",
    "اسعار النفط",
    "الاقتصاد",
    "مَدْرَسَة",
    "الانتخـــابات",
    "مجلس الوزراء",
    "وزير الخارجية",
    "قمة دولية في الرياض",
    "المنتخب الوطني يفوز",
    "اسطمبول",
    "موريطانيا",
    "واشنطون",
    "سورية",
    "٢٠٢٤",
    "زلزال",
    "كييف",
    "طالبات الجامعة",
    "بالجامعة",
    "المعلمون",
    "الكاتب",
    "مكتبة",
    "استقبال الوفد",
    "كلمةغيرموجودة",
]


def zipf(count, s):
    return [1 / (rank**s) for rank in range(1, count + 1)]


def cumulative(weights):
    return list(itertools.accumulate(weights))


class Writer:
    """Generates article text from the vocabulary above."""

    def __init__(self, seed):
        self.rng = rng = random.Random(seed)
        self.places = [p.replace("_", " ") for p in PLACES]
        self.w_places = cumulative(zipf(len(self.places), 1.0))
        self.topics = [t.replace("_", " ").split() for t in TOPICS]
        derived = [
            pattern.format(*root) for root in ROOTS for pattern in PATTERNS if len(root) == 3
        ]
        rng.shuffle(derived)
        self.general = derived + VERBS + ADJECTIVES
        self.w_general = cumulative(zipf(len(self.general), 0.8))
        self.w_adj = cumulative(zipf(len(ADJECTIVES), 0.9))

    def inflect(self, word, definite=0.5):
        rng = self.rng
        if rng.random() < definite and not word.startswith("ال"):
            word = rng.choice(ARTICLE) + word
        else:
            word = rng.choice(PARTICLES) + word
        ending = rng.choice(ENDINGS)
        if ending and word.endswith("ة"):
            word = word[:-1] + ("ت" if ending in ("ها", "هم") else "")
        return word + ending

    def sentence(self, length, topic, places, names):
        rng = self.rng
        parts = [rng.choice(VERBS)]
        while len(parts) < length:
            roll = rng.random()
            if roll < 0.25:
                parts.append(self.inflect(rng.choice(topic)))
            elif roll < 0.6:
                parts.append(
                    self.inflect(rng.choices(self.general, cum_weights=self.w_general)[0], 0.4)
                )
            elif roll < 0.68:
                parts.append(rng.choices(ADJECTIVES, cum_weights=self.w_adj)[0])
            elif roll < 0.76:
                parts += [rng.choice(CONNECTORS), rng.choice(places)]
            elif roll < 0.8:
                parts.append(rng.choice(PARTICLES) + rng.choice(places))
            elif roll < 0.84:
                parts.append(rng.choice(names))
            elif roll < 0.86:
                parts.append(rng.choice(NUMERALS))
            else:
                parts.append(rng.choice(CONNECTORS))
        return " ".join(parts)

    def article(self):
        rng = self.rng
        topic = rng.choice(self.topics)
        places = rng.choices(self.places, cum_weights=self.w_places, k=rng.randint(1, 3))
        names = rng.sample(NAMES, 3)

        def sentence(low, high):
            return self.sentence(rng.randint(low, high), topic, places, names)

        title = sentence(5, 9)
        standfirst = sentence(14, 24) + "."
        paragraphs = [
            "<p>" + ". ".join(sentence(10, 18) for _ in range(rng.randint(2, 4))) + ".</p>"
            for _ in range(rng.randint(5, 9))
        ]
        return title, standfirst, "".join(paragraphs)


# --- Database --------------------------------------------------------------------


def ensure_database(url):
    """Create the benchmark database if it is missing."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    admin.close()


def generate(count, seed):
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Category
    from search.documents import rebuild_index
    from search.models import SearchDocument, SearchTerm

    started = time.perf_counter()
    SearchTerm.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE search_searchdocument, articles_article_authors, articles_article CASCADE"
        )
    sections = [
        Category.objects.get_or_create(name=name, defaults={"slug": name, "position": i})[0]
        for i, name in enumerate(["سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم"])
    ]
    writer = Writer(seed)
    now = timezone.now()
    batch = []
    for i in range(count):
        title, standfirst, body = writer.article()
        # One in twenty is a draft or scheduled: search must never show them.
        status = Article.Status.DRAFT if i % 40 == 7 else Article.Status.PUBLISHED
        published_at = now - timedelta(minutes=37 * i)
        if i % 40 == 23:
            published_at = now + timedelta(days=3)
        batch.append(
            Article(
                title=title[:200],
                slug=f"bench-{i}",
                standfirst=standfirst,
                body=body,
                category=sections[i % len(sections)],
                status=status,
                published_at=published_at,
            )
        )
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    made = time.perf_counter()
    print(f"  {count} articles written in {made - started:.1f} s")

    # Bulk inserts bypass Article.save(): build the search documents in bulk,
    # as after any import. As for any bulk load, the GIN indexes are built once
    # at the end rather than updated row by row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%%USING gin%%'"
            " AND tablename IN ('search_searchdocument', 'search_searchterm')"
        )
        gin_indexes = cursor.fetchall()
        for name, _ in gin_indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    rebuild_index(batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in gin_indexes:
            cursor.execute(definition)
        for table in ("articles_article", "search_searchdocument", "search_searchterm"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"  {SearchDocument.objects.count()} search documents and "
        f"{SearchTerm.objects.count()} indexed words built in {time.perf_counter() - made:.1f} s"
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report_index_size():
    """The search index on disk: documents (with their tsvectors) and each GIN index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
            " WHERE c.relname IN ('search_searchdocument', 'search_searchterm')"
            " UNION ALL SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes"
            " WHERE relname = 'search_searchdocument' AND indexrelname NOT LIKE '%%pkey'"
            " ORDER BY 1"
        )
        sizes = cursor.fetchall()
    print("index size: " + ", ".join(f"{name} {size / 2**20:.0f} MB" for name, size in sizes))


def report(label, timings):
    ms = [t * 1000 for t in timings]
    print(
        f"{label}: median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
        f"max {max(ms):.1f} ms ({len(ms)} runs)"
    )


def measure_search(repeat, verbose):
    from search.highlight import Highlighter, SearchResult
    from search.query import ArticleSearch, ReaderQuery

    timings, per_query = [], {}
    for query in QUERIES:
        for run in range(repeat + 1):
            started = time.perf_counter()
            reader_query = ReaderQuery(query)
            count, page = ArticleSearch(reader_query).page(1, 12)
            highlighter = Highlighter(reader_query.terms)
            [SearchResult.of(article, highlighter) for article in page]
            elapsed = time.perf_counter() - started
            if run:  # the first run warms caches
                timings.append(elapsed)
                per_query.setdefault(query, []).append(elapsed)
        if verbose:
            print(
                f"  {query!r:32} {count:6d} results, "
                f"median {statistics.median(per_query[query]) * 1000:6.1f} ms"
            )
    return timings


def measure_page(repeat):
    """The search page rendered, page cache off: with it, every run after the
    first is the cache's copy (0.2 ms), not the search."""
    from django.test import Client, override_settings

    client = Client()
    timings = []
    for query in QUERIES:
        url = "/search/?q=" + quote(query)
        for run in range(repeat + 1):
            with override_settings(PAGECACHE_ENABLED=False):
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            assert response.status_code == 200, (query, response.status_code)
            assert "X-Page-Cache" not in response, "the page came from the page cache"
            if run:
                timings.append(elapsed)
    return timings


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.backend.DatabaseBackend",
}


def measure_save(times, seed, tasks="immediate"):
    """Save `times` new articles, then edit each; with tasks="database" the search
    document is only enqueued (the worker's share is left out: the tasks are deleted)."""
    from django.test import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from articles.models import Article, Category
    from search.documents import index_article

    writer = Writer(seed + 1)
    section = Category.objects.first()
    timings, made = [], []
    backend = override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[tasks]}})
    backend.enable()
    for i in range(times + 1):
        title, standfirst, body = writer.article()
        article = Article(
            title=title,
            slug=f"bench-save-{i}",
            standfirst=standfirst,
            body=body,
            category=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        started = time.perf_counter()
        article.save()  # its search document: built (immediate) or enqueued (database)
        elapsed = time.perf_counter() - started
        made.append(article)
        if i:
            timings.append(elapsed)
    # An edit of an existing article: the document is replaced, not added.
    edits, documents = [], []
    for article in made[1:]:
        article.title += " محدث"
        started = time.perf_counter()
        article.save()
        edits.append(time.perf_counter() - started)
        started = time.perf_counter()
        index_article(article)
        documents.append(time.perf_counter() - started)
    backend.disable()
    Article.objects.filter(pk__in=[a.pk for a in made]).delete()
    DBTaskResult.objects.filter(task_path="search.tasks.index_articles").delete()
    return timings, edits, documents


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000, help="number of articles (50,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (5)")
    parser.add_argument("--saves", type=int, default=20, help="timed article saves (20; 0: none)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--regenerate", action="store_true", help="generate the articles again")
    parser.add_argument("-v", "--verbose", action="store_true", help="time each query")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")) or "bench" not in urlsplit(url).path:
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database whose name contains 'bench', e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_search_bench\n"
            "(the benchmark replaces every article in it)."
        )
    ensure_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    # DEBUG is off (no query log); serve static URLs without a collected manifest.
    warnings.filterwarnings("ignore", message="No directory at")
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    call_command("migrate", verbosity=0)
    if args.regenerate or Article.objects.count() != args.articles:
        print(f"generating {args.articles} articles …")
        generate(args.articles, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    print(f"{Article.objects.count()} articles, {version}, {os.cpu_count()} CPUs")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    report_index_size()

    report(f"search ({len(QUERIES)} queries)", measure_search(args.repeat, args.verbose))
    report("search page (HTTP)", measure_page(args.repeat))
    if args.saves:
        report_saves(args.saves, args.seed)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def report_saves(count, seed):
    saves, edits, documents = measure_save(count, seed)
    report("save a new article with its index", saves)
    report("save an edited article with its index", edits)
    report("  of which rebuilding its search document", documents)
    saves, edits, _ = measure_save(count, seed, tasks="database")
    report("save a new article, index left to the worker", saves)
    report("save an edited article, index left to the worker", edits)


if __name__ == "__main__":
    main()
