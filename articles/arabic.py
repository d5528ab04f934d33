"""Arabic text normalization, shared by slugs, search and the comments word list.

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

LETTER_FORMS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        # Arabic-Indic and Persian (extended) digits to ASCII.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


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
    return text.translate(LETTER_FORMS).casefold()


WORD = re.compile(r"\w+")

# Clitics written joined to the front of a word: the conjunctions و and ف, then
# the prepositions ب ك ل and the article ال (after normalization, so أل is ال).
CLITIC = re.compile(r"[وف]?(?:بال|كال|لل|ال|[بكل])?")


def words(text):
    """The normalized words of text, in order: what search and the word list match on."""
    return WORD.findall(normalize(text))


def word_forms(word):
    """A normalized word and the same word without each leading clitic.

    "والكازينو" gives itself, "الكازينو" and "كازينو". A clitic is only taken off
    when at least two letters remain, so short words keep their meaning.
    """
    forms = {word}
    for n in range(1, 5):
        if len(word) - n >= 2 and CLITIC.fullmatch(word[:n]):
            forms.add(word[n:])
    return forms
