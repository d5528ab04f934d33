"""Folding Arabic text to one spelling: the same for what is indexed and what is typed.

Search and the moderation word list must agree on what counts as "the same
word", so both normalize through this module and nowhere else.
"""

import re
import unicodedata

# Tashkeel (fathatan .. sukun and the extended marks up to U+065F), the
# superscript alef, and Quranic annotation marks.
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Zero-width and bidirectional formatting characters: invisible, and a common
# way to dodge word lists or to flip the direction of surrounding text.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")

# Hamza seats, folded everywhere: readers rarely type them.
HAMZA_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي"}
# Final letters that readers swap. Search keeps them as written (it matches ة/ه
# and ى/ي when it reads a query, see arabic.stemming); slugs and the comments
# word list fold them.
ENDING_FORMS = {"ى": "ي", "ة": "ه"}
# Arabic-Indic and Persian (extended) digits to ASCII.
DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
HAMZA = str.maketrans(HAMZA_FORMS)
LETTER_FORMS = str.maketrans({**HAMZA_FORMS, **ENDING_FORMS})


def strip_diacritics(text):
    """Remove tashkeel and tatweel, keeping the letters as written."""
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def strip_invisible(text):
    """Remove zero-width and bidi formatting characters."""
    return INVISIBLE.sub("", text)


def normalize(text):
    """Fold text to the form used for matching: the same for index and query."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_invisible(strip_diacritics(text))
    return text.translate(LETTER_FORMS).translate(DIGITS).casefold()


# A word is a run of letters or digits (never "_", which PostgreSQL's parser
# also treats as a separator).
WORD = re.compile(r"[^\W_]+")


def words(text):
    """The normalized words of a text, in order."""
    return WORD.findall(normalize(text))


FATHATAN = "\u064b"
# An accusative alef written with its tanween («إيمانًا», «دولاراً»): the alef is
# not part of the word. It can only be told from a word's own final alef while
# the diacritics are still there.
ACCUSATIVE = re.compile(f"(?:ا{FATHATAN}|{FATHATAN}ا)(?![^\\W_])")


def search_words(text):
    """The words of a text as search reads them, in order.

    Letters as written (hamza seats, ة and ى kept) without diacritics, tatweel
    or invisible characters, and without an accusative alef written with its
    tanween; digits are ASCII and Latin is case-folded.
    """
    text = strip_invisible(unicodedata.normalize("NFKC", text))
    text = strip_diacritics(ACCUSATIVE.sub("", text))
    return WORD.findall(text.translate(DIGITS).casefold())


def fold_hamza(word):
    """A word with its hamza seats folded (أ إ آ ٱ → ا, ؤ → و, ئ → ي): what search indexes."""
    return word.translate(HAMZA)


# A word as written: letters and digits with the diacritics, tatweel and
# invisible characters that normalization removes from inside it.
WRITTEN_WORD = re.compile(
    r"(?:[^\W_]|[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060-\u2064\ufeff])+"
)
