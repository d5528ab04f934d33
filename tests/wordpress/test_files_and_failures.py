"""Files fetched from the old site, failures that stay contained, and the progress bar."""

import io
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Article
from images.models import Image
from wordpress import uploads
from wordpress.export import Site
from wordpress.importer import WordPressImport
from wordpress.models import ImportedObject
from wordpress.report import Progress, Report

from .conftest import AKHBAR, jpeg

LOST = "https://akhbar.example/wp-content/uploads/2023/01/lost.jpg"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def old_server(tmp_path):
    """The old site's web server, on this machine: serves tmp_path/site."""
    root = tmp_path / "site"
    (root / "wp-content/uploads/2023/01").mkdir(parents=True)
    (root / "wp-content/uploads/2023/01/lost.jpg").write_bytes(jpeg(40, 30, (10, 120, 60)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_file_missing_from_uploads_is_downloaded(run_import, edited_export, old_server):
    served = f"{old_server}/wp-content/uploads/2023/01/lost.jpg"
    edited = edited_export((LOST, served))
    out = run_import(edited, "--download")
    image = Image.objects.get(pk=ImportedObject.objects.get(kind="image", wp_id="13").object_id)
    assert (image.width, image.height) == (40, 30)
    assert "lost.jpg" not in out  # no problem left to report


def test_an_unreachable_file_is_listed_and_the_import_goes_on(
    run_import, edited_export, old_server
):
    edited = edited_export((f"<wp:attachment_url><![CDATA[{LOST}]]>",
                            f"<wp:attachment_url><![CDATA[{old_server}/gone.jpg]]>"))  # fmt: skip
    out = run_import(edited, "--download")
    assert "gone.jpg" in out and "13" in out
    assert Article.objects.count() == 4


def test_downloads_stop_at_the_size_limit(old_server, settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(uploads.Missing, match="IMAGE_MAX_BYTES"):
        uploads.download(f"{old_server}/wp-content/uploads/2023/01/lost.jpg")


def test_the_uploads_folder_is_never_left(tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "uploads").mkdir()
    assert uploads.from_folder(tmp_path / "uploads", "../secret.txt") is None


def test_a_post_that_fails_halfway_leaves_nothing_behind(db, category):
    run = WordPressImport(AKHBAR)
    run.site = Site(url="https://akhbar.example", version="1.2")

    def make(existing):
        Article.objects.create(title="نصف خبر", category=category)
        raise ValueError("انقطع الخبر في منتصفه")

    assert run.unit("article", "900", "the record", make) == (None, "failed")
    assert not Article.objects.exists()
    assert not ImportedObject.objects.exists()
    assert run.report.problems == [("article", "900", "انقطع الخبر في منتصفه")]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_on_a_terminal_only():
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream)
        for done in range(1, 6):
            progress("article", done, 5)
    assert "5/5" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_the_report_lists_problems_with_their_wordpress_id():
    report = Report()
    report.count("article", "imported", 3)
    report.problem("image", "13", "الملف غير موجود")
    text = "\n".join(report.lines())
    assert "13" in text and "الملف غير موجود" in text
