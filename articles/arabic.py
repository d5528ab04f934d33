"""Arabic text normalization, shared by slugs, search and the comments word list.

Search and the moderation word list must agree on what counts as "the same
word", so both normalize through this module and nowhere else.
"""

import functools
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


# --- Words and light stemming (search, and the comments word list) ---------
#
# Light stemming removes the clitics readers type around a word, without a
# dictionary: the article and its combinations in front, plural, dual and
# pronoun endings behind. It is deliberately timid: a prefix or suffix is only
# removed when enough of the word is left, so short words stay whole.

# A word is a run of letters or digits (never "_", which PostgreSQL's parser
# also treats as a separator).
WORD = re.compile(r"[^\W_]+")

# The definite article with the particles that attach to it, longest first.
ARTICLE_PREFIXES = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
)  # fmt: skip
# Conjunctions and prepositions that attach to a word without the article
# («لداعش», «وبغزة»). These cannot be removed blindly: «لجنة» and «بلدية» begin
# with the same letters. The index keeps them; a query asks for every form a
# word takes with them instead (see `forms()`).
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
# Pronoun endings first («لاعباتها» → «لاعبات»), then one plural, dual or
# feminine ending (ة is already ه). Each with the letters that must remain.
PRONOUN_SUFFIXES = (("ها", 3), ("هم", 3))
WORD_SUFFIXES = (("ات", 3), ("ون", 4), ("ين", 4), ("ان", 4), ("ه", 3))
MIN_ARTICLE_REMAINDER = 2

# Words too common to search for. They are left out of the index and of
# queries, so «الهجوم على غزة» is the phrase «هجوم غزه». (Normalized, «على» is
# also the name «علي»: the price of matching hamza-less, ى-for-ي typing.)
STOPWORDS = frozenset(
    normalize(word)
    for word in """
    في من على إلى عن أن إن أو أم ثم مع هذا هذه ذلك تلك هؤلاء أولئك التي الذي الذين اللذين
    اللتين اللواتي كان كانت يكون تكون قد لقد لا لم لن ما ماذا هل هو هي هم هن أنا نحن أنت
    أنتم بين حتى عند بعد قبل منذ كل أي غير بل لكن ولكن إذا إذ لو ليس لدى لها له لهم به بها
    فيه فيها منه منها عليه عليها عنه عنها إلا أما حيث كما مثل ضد خلال نحو يا أيضا
    """.split()
)
# Particles that attach to a stopword without changing it («وفي», «فقد»).
STOPWORD_PARTICLES = ("و", "ف")


def words(text):
    """The normalized words of a text, in order."""
    return WORD.findall(normalize(text))


def is_stopword(word):
    """True for a normalized word too common to search for, with or without و/ف."""
    if word in STOPWORDS:
        return True
    return word[:1] in STOPWORD_PARTICLES and word[1:] in STOPWORDS


def strip_article(word):
    """Remove the definite article (and the particles attached to it) from a normalized word."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_ARTICLE_REMAINDER:
            return word[len(prefix) :]
    return word


def strip_suffixes(word):
    """Remove one pronoun ending, then one plural, dual or feminine ending."""
    for suffixes in (PRONOUN_SUFFIXES, WORD_SUFFIXES):
        for suffix, remainder in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= remainder:
                word = word[: -len(suffix)]
                break
    return word


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """The light stem of a normalized word: the form stored in the search index."""
    return strip_suffixes(strip_article(word))


def stems(text):
    """The stems of a text's words in order, stopwords left out."""
    return [stem(word) for word in words(text) if not is_stopword(word)]


def forms(word):
    """Every stem under which a normalized word can appear in indexed text.

    The word itself, with each attached particle («غزة» → «بغزه», «لغزه» …), and,
    for a feminine noun, the ت it takes before a pronoun («حكومتها»). Looking up
    all of them is what lets «داعش» find «لداعش» without the index having to guess
    whether the ل of «لجنة» is a preposition.
    """
    base = strip_article(word)
    bodies = {base}
    if base.endswith("ه") and len(base) >= 3:
        bodies.update(base[:-1] + "ت" + suffix for suffix in ("ها", "هم", "ه"))
    for suffix in ("تها", "تهم"):
        # «حكومتها» is «حكومة» + «ها»; «لاعباتها» is a plural and stays as it is.
        if base.endswith(suffix) and len(base) - len(suffix) >= 3 and base[-4] != "ا":
            bodies.add(base[: -len(suffix)] + "ه")
    return {stem(prefix + body) for body in bodies for prefix in ("", *PROCLITICS)}


def readings(word):
    """Other ways to read a word that begins with a particle («بغزة» as «ب» + «غزة»).

    Used when a word finds little as typed: then «بغزة» also finds «غزة».
    """
    base = strip_article(word)
    found = set()
    for prefix in PROCLITICS:
        rest = base[len(prefix) :]
        if base.startswith(prefix) and len(rest) >= 3:
            found |= forms(rest)
    return found - forms(word)


# --- Spelling distance (near misses) ---------------------------------------------
#
# Names from other languages are spelled several ways in Arabic: with or without
# a long vowel («واشنطن», «واشنطون»), with an emphatic or a plain letter
# («موريتانيا», «موريطانيا»), ن or م before ب («إسطنبول», «إسطمبول»), ا or ة at
# the end («سوريا», «سورية»). Those edits cost 1; any other edit costs 2.

WEAK_LETTERS = frozenset("اويهء")
CONFUSABLE = [
    frozenset(group) for group in ("تط", "سصث", "زذظ", "دضظ", "هح", "كقجغ", "نم", "اويهء")
]


def substitution_cost(a, b):
    if a == b:
        return 0
    return 1 if any(a in group and b in group for group in CONFUSABLE) else 2


def spelling_distance(a, b):
    """Edit distance between two normalized words, cheap for the usual variant spellings."""
    previous = [0]
    for ch in b:
        previous.append(previous[-1] + (1 if ch in WEAK_LETTERS else 2))
    for ca in a:
        current = [previous[0] + (1 if ca in WEAK_LETTERS else 2)]
        for j, cb in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + (1 if ca in WEAK_LETTERS else 2),
                    current[j - 1] + (1 if cb in WEAK_LETTERS else 2),
                    previous[j - 1] + substitution_cost(ca, cb),
                )
            )
        previous = current
    return previous[-1]


# --- Word list matching (comments) ----------------------------------------------

# Clitics written joined to the front of a word: the conjunctions و and ف, then
# the prepositions ب ك ل and the article ال (after normalization, so أل is ال).
CLITIC = re.compile(r"[وف]?(?:بال|كال|لل|ال|[بكل])?")


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
