"""The web fonts' two files per face: what Arabic text uses, and the rest on demand."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

ROOT = Path(settings.BASE_DIR)
FONTS = ROOT / "static/fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core, as `make fonts` reads
FACES = ["NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoKufiArabic-Bold"]
ARABIC_BLOCK = range(0x0600, 0x0700)


def codepoints(ranges):
    """The code points of a CSS unicode-range or a pyftsubset --unicodes list."""
    points = set()
    for part in re.split(r"[,\s]+", ranges.strip()):
        first, _, last = part.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def cmap(path):
    return set(TTFont(path).getBestCmap())


def extended_range_in_makefile():
    return re.search(r"^FONT_EXTENDED_RANGE := (.+)$", (ROOT / "Makefile").read_text(), re.M)[1]


def extended_ranges_in_css():
    css = (ROOT / "static/css/site.css").read_text()
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    return {
        re.search(r"/fonts/([\w-]+)\.extended\.woff2", face)[1]: re.search(
            r"unicode-range: ([^;]+);", face
        )[1]
        for face in faces
        if ".extended." in face
    }


def test_the_stylesheet_sends_the_makefiles_extended_letters_to_the_extended_files():
    ranges = extended_ranges_in_css()
    assert sorted(ranges) == sorted(FACES)
    for face, css_range in ranges.items():
        assert codepoints(css_range) == codepoints(extended_range_in_makefile()), face


@pytest.mark.parametrize("face", FACES)
def test_every_arabic_letter_of_the_typeface_is_in_the_file_the_browser_asks_for(face):
    source = NOTO / f"{face}.ttf"
    assert source.exists(), "install Debian's fonts-noto-core (README)"
    extended = codepoints(extended_range_in_makefile())
    core_file = cmap(FONTS / f"{face}.subset.woff2")
    extended_file = cmap(FONTS / f"{face}.extended.woff2")
    for point in cmap(source) & set(ARABIC_BLOCK):
        wanted = extended_file if point in extended else core_file
        assert point in wanted, f"{face} U+{point:04X}"
    # The first file holds no letter of the second: its bytes are what every page waits for.
    assert not core_file & extended, face


@pytest.mark.parametrize("face", FACES)
def test_the_preloaded_files_are_small(face):
    # Before the split each file was 38-41 KB; on a phone's line these bytes come
    # before the first paint (issue #17).
    assert (FONTS / f"{face}.subset.woff2").stat().st_size < 30_000, face
