import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from PIL import Image as PILImage

EXPORTS = Path(__file__).parent / "exports"
AKHBAR = EXPORTS / "akhbar.xml"

# The files of the old site's wp-content/uploads that the fixture export names.
UPLOADED = {
    "2024/05/majlis-front.jpg": (90, 50, (150, 120, 90)),
    "2024/05/qaat-almajlis.jpg": (80, 45, (60, 90, 140)),
    "2024/05/maktaba.jpg": (64, 36, (120, 60, 30)),
    "2024/05/rukn-alatfal.jpg": (48, 32, (200, 180, 40)),
}


def jpeg(width, height, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def in_arabic():
    """The site's language, whatever an earlier test left active."""
    with translation.override("ar"):
        yield


@pytest.fixture
def uploads(tmp_path):
    """A copy of the old site's uploads folder (lost.jpg of attachment 13 is not in it)."""
    root = tmp_path / "uploads"
    for relative, spec in UPLOADED.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(jpeg(*spec))
    return root


@pytest.fixture
def run_import(db, uploads):
    """Run the command as an operator would; returns what it printed."""

    def run(export=AKHBAR, *args, with_uploads=True):
        out = io.StringIO()
        options = list(args) if "--download" in args else ["--no-download", *args]
        options = [o for o in options if o != "--download"]
        if with_uploads:
            options += ["--uploads", str(uploads)]
        call_command("import_wordpress", str(export), *options, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def edited_export(tmp_path):
    """A copy of the fixture export with some text replaced, as a later export would be."""

    def edit(*replacements, name="edited.xml"):
        text = AKHBAR.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return edit
