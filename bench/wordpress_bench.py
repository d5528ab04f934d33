"""WordPress import benchmark: the time and peak memory of importing a large export.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_wordpress_bench \\
        .venv/bin/python bench/wordpress_bench.py [--posts 10000] [--comments 50000]

The database's name must contain "bench": its content is replaced. A PostgreSQL
database is created if missing. The script writes a WordPress export (WXR 1.2)
of the given number of Arabic posts and comments, with a featured image in the
uploads folder for one post in twenty, then imports it with `import_wordpress`
in a fresh process, and imports it again (nothing changed: everything skipped).
The same runs on an export a tenth of the size show that the peak memory does
not grow with the file: it is the size of one post, not of the archive. The
second import also traces Python's own allocations (tracemalloc), which leaves
out what the interpreter, Django and the database driver hold.

Reports the file size, the time, the peak resident memory of the importing
process, and the counts; results go to bench/results/wordpress.json.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

RESULTS = ROOT / "bench" / "results"
SECTIONS = ["سياسة", "اقتصاد", "ثقافة", "رياضة", "علوم", "صحة", "محليات", "رأي"]
AUTHORS = ["سلمى حداد", "كريم عاشور", "نادية الخطيب", "عمر سليمان", "رامي يوسف", "هدى العلي"]
WORDS = (
    "المجلس البلدي الميزانية المدينة السوق القديم المحطة المياه الطاقة الشمسية المدرسة "
    "الجامعة المستشفى الطريق الجسر الميناء المعرض الكتاب المهرجان الفريق البطولة الملعب "
    "الأسعار الشركات الناشئة المزارعون المحصول الأمطار السكان الحي الشمالي الواجهة البحرية"
).split()
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>أرشيف للقياس</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://archive.example</wp:base_site_url>
<wp:base_blog_url>https://archive.example</wp:base_blog_url>
"""
IMAGE_EVERY = 20


def words(n, start):
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(n))


def channel_head(out):
    out.write(HEAD)
    for i, name in enumerate(AUTHORS):
        out.write(f"<wp:author><wp:author_id>{i + 1}</wp:author_id><wp:author_login>writer{i}"
                  f"</wp:author_login><wp:author_display_name><![CDATA[{name}]]>"
                  "</wp:author_display_name></wp:author>\n")  # fmt: skip
    for i, name in enumerate(SECTIONS):
        out.write(f"<wp:category><wp:term_id>{i + 1}</wp:term_id><wp:category_nicename>"
                  f"section-{i}</wp:category_nicename><wp:cat_name><![CDATA[{name}]]>"
                  "</wp:cat_name></wp:category>\n")  # fmt: skip
    for i in range(40):
        out.write(f"<wp:tag><wp:term_id>{100 + i}</wp:term_id><wp:tag_slug>tag-{i}"
                  f"</wp:tag_slug><wp:tag_name><![CDATA[وسم {words(1, i)} {i}]]></wp:tag_name>"
                  "</wp:tag>\n")  # fmt: skip


def attachment_item(n):
    url = f"https://archive.example/wp-content/uploads/2020/01/photo-{n}.jpg"
    return (
        f"<item><title>صورة {n}</title><wp:post_id>{1_000_000 + n}</wp:post_id>"
        f"<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f'<guid isPermaLink="false">{url}</guid><wp:attachment_url>{url}</wp:attachment_url>'
        f"<excerpt:encoded><![CDATA[{words(4, n)}]]></excerpt:encoded>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{words(3, n + 1)}]]></wp:meta_value></wp:postmeta></item>\n"
    )


def comment_xml(post, k, comment_id, parent):
    status = ("1", "1", "1", "0", "spam", "trash")[k % 6]
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[قارئ {k}]]></wp:comment_author>"
        f"<wp:comment_author_email>reader{comment_id}@mail.example</wp:comment_author_email>"
        f"<wp:comment_author_IP>198.51.100.{comment_id % 250}</wp:comment_author_IP>"
        "<wp:comment_date_gmt>2021-03-04 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{words(12, post + k)}]]></wp:comment_content>"
        f"<wp:comment_approved>{status}</wp:comment_approved><wp:comment_type>comment"
        f"</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def post_item(n, comments, first_comment_id):
    paragraphs = "\n\n".join(
        f"<!-- wp:paragraph -->\n<p>{words(40, n + p)}.</p>\n<!-- /wp:paragraph -->"
        for p in range(5)
    )
    meta = ""
    if n % IMAGE_EVERY == 0:
        meta = (f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>"
                f"{1_000_000 + n}</wp:meta_value></wp:postmeta>")  # fmt: skip
    thread = "".join(
        comment_xml(n, k, first_comment_id + k, first_comment_id + k - 1 if k % 3 == 2 else 0)
        for k in range(comments)
    )
    return (
        f"<item><title><![CDATA[خبر رقم {n}: {words(5, n)}]]></title>"
        f"<link>https://archive.example/2021/03/04/post-{n}/</link>"
        f"<dc:creator>writer{n % len(AUTHORS)}</dc:creator>"
        f'<guid isPermaLink="false">https://archive.example/?p={n}</guid>'
        f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{words(12, n)}]]></excerpt:encoded>"
        f"<wp:post_id>{n}</wp:post_id><wp:post_date>2021-03-04 12:00:00</wp:post_date>"
        "<wp:post_date_gmt>2021-03-04 09:00:00</wp:post_date_gmt>"
        f"<wp:comment_status>open</wp:comment_status><wp:post_name>post-{n}</wp:post_name>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="section-{n % len(SECTIONS)}">'
        f"<![CDATA[{SECTIONS[n % len(SECTIONS)]}]]></category>"
        f'<category domain="post_tag" nicename="tag-{n % 40}"><![CDATA[وسم]]></category>'
        f"{meta}{thread}</item>\n"
    )


def write_export(path, posts, comments, uploads):
    """Write the export as a stream, and the featured images' files into uploads/."""
    from PIL import Image as PILImage

    (uploads / "2020/01").mkdir(parents=True, exist_ok=True)
    per_post, extra = divmod(comments, posts)
    comment_id = 1
    with open(path, "w", encoding="utf-8") as out:
        channel_head(out)
        for n in range(1, posts + 1):
            if n % IMAGE_EVERY == 0:
                out.write(attachment_item(n))
                picture = PILImage.new("RGB", (480, 270), (n % 255, 90, 140))
                picture.save(uploads / f"2020/01/photo-{n}.jpg", "JPEG")
            count = per_post + (1 if n <= extra else 0)
            out.write(post_item(n, count, comment_id))
            comment_id += count
        out.write("</channel></rss>\n")


def reset_database():
    import django

    django.setup()
    from django.core.management import call_command
    from taggit.models import Tag

    from articles.models import Article, Author, Category
    from comments.models import Comment
    from images.models import Image
    from wordpress.models import ImportedObject, OldAddress

    call_command("migrate", verbosity=0)
    for model in (OldAddress, ImportedObject, Comment, Article, Image, Category, Author, Tag):
        model.objects.all().delete()


def child(export, uploads, traced=False):
    """Run in a fresh process: one import, its time and this process's peak memory.

    With `traced`, Python's own allocations are traced too (slower): their peak
    is what the import holds at once, apart from the interpreter and libraries.
    """
    import django

    django.setup()
    from django.core.management import call_command

    if traced:
        tracemalloc.start()
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_wordpress", str(export), "--uploads", str(uploads), "--no-download",
                 stdout=out)  # fmt: skip
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb, 1),
              "report": out.getvalue().splitlines()}  # fmt: skip
    if traced:
        result["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1_000_000, 2)
    print(json.dumps(result))


def import_in_child(export, uploads, traced=False):
    command = [sys.executable, __file__, "--child", str(export), "--uploads", str(uploads)]
    command += ["--traced"] if traced else []
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(posts, comments):
    export = RESULTS / f"wordpress-{posts}.xml"
    uploads = RESULTS / f"wordpress-uploads-{posts}"
    write_export(export, posts, comments, uploads)
    size_mb = export.stat().st_size / 1_000_000
    reset_database()
    first = import_in_child(export, uploads)
    again = import_in_child(export, uploads, traced=True)
    return {"posts": posts, "comments": comments, "file_mb": round(size_mb, 1),
            "import": first, "reimport": again}  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--child")
    parser.add_argument("--uploads")
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.uploads, args.traced)
    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a database whose name contains 'bench': it is replaced.")
    if url.startswith("postgres"):
        from search_bench import ensure_database

        ensure_database(url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    runs = [measure(args.posts // 10, args.comments // 10), measure(args.posts, args.comments)]
    for run in runs:
        first, again = run["import"], run["reimport"]
        print(f"{run['posts']:>6} posts, {run['comments']:>6} comments, {run['file_mb']:>6} MB: "
              f"import {first['seconds']} s, peak {first['peak_rss_mb']} MB; "
              f"again {again['seconds']} s, peak {again['peak_rss_mb']} MB "
              f"(Python's own allocations: {again['python_peak_mb']} MB)")  # fmt: skip
    small, large = runs
    growth = large["import"]["peak_rss_mb"] / small["import"]["peak_rss_mb"]
    print(f"peak memory x{growth:.2f} for a file x{large['file_mb'] / small['file_mb']:.1f}")
    (RESULTS / "wordpress.json").write_text(json.dumps(runs, ensure_ascii=False, indent=2))
    for line in large["import"]["report"]:
        print("  ", line)


if __name__ == "__main__":
    main()
