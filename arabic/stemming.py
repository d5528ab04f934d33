"""Light stemming: what search indexes for a word, and what a typed word may also be.

The index keeps one term per word: the word without the article in front and a
pronoun behind, its hamza seats folded, its ة and ى as written («وحكومتها» →
«وحكومت», «الكعبة» → «كعبة»). Everything else a reader may mean by a word (the
plural of a singular, the feminine of a masculine, the word with a particle in
front) is asked for when a query is read (`related()`, `with_particles()`),
where length checks count the word as typed, never a particle put in front of
it. Nothing is taken off a word that only looks like it has an ending: the
lists in data/ name those words.
"""

import functools
import re
from pathlib import Path

from .normalize import fold_hamza as fold
from .normalize import search_words
from .stopwords import is_stopword

DATA = Path(__file__).resolve().parent / "data"


def load_words(name):
    """A data file's words (one or more a line, # starts a comment), hamza folded."""
    found = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        found.update(fold(w) for w in line.split("#")[0].split())
    return frozenset(found)


# The definite article with the particles that attach to it, longest first.
ARTICLE_PREFIXES = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
)  # fmt: skip
MIN_ARTICLE_REMAINDER = 2
# Conjunctions and prepositions that attach to a word without the article
# («لداعش», «وبغزة»). These cannot be removed blindly: «لجنة» and «بلدية» begin
# with the same letters. The index keeps them; a query asks for every form a
# word takes with them instead (see `with_particles()`).
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
PREPOSITIONS = frozenset("بلك")
# Pronoun endings, longest first, each with the letters that must remain. The
# one-letter ones and those that end many words («بنوك», «محاكم», «كورونا»)
# need four, not counting a letter in front that may be a particle («وبنوك»).
PRONOUNS = (
    ("هما", 3), ("كما", 4), ("ها", 3), ("هم", 3), ("هن", 3), ("كم", 4), ("نا", 4),
    ("ه", 4), ("ك", 4),
)  # fmt: skip
PARTICLE_LETTERS = frozenset("وفبلك")
# Words whose last letters look like an ending and are not one: names and places
# that end in ان, nouns that end in ك, كم, هم or نا.
WHOLE_WORDS = load_words("whole_words.txt")
# Words in ة that are another word than the one without it («رياضة», «رياض»).
DISTINCT_FEMININES = load_words("distinct_feminines.txt")
# Short words common enough that a particle in front makes another common word
# («ل» + «جنة» is «لجنة», «ك» + «ابل» is «كابل»).
SHORT_COMMON_WORDS = load_words("short_common_words.txt")


def strip_article(word):
    """The word without the definite article (and the particles attached to it)."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_ARTICLE_REMAINDER:
            return word[len(prefix) :]
    return word


def is_whole_word(word):
    """True if a word (maybe with a particle in front) is one of WHOLE_WORDS."""
    word = fold(word)
    return word in WHOLE_WORDS or any(
        word.startswith(p) and word[len(p) :] in WHOLE_WORDS for p in PROCLITICS
    )


def strip_pronoun(word):
    """The word without a pronoun ending, when enough of it is left."""
    if is_whole_word(word):
        return word
    for suffix, remainder in PRONOUNS:
        if word.endswith(suffix):
            left = len(word) - len(suffix)
            if remainder > 3 and word[0] in PARTICLE_LETTERS:
                left -= 1
            if left >= remainder:
                return word[: -len(suffix)]
            if remainder > 3:
                return word  # «وبنوك»: not «وبنو» + ك
    return word


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """A word (as written) without the article and a pronoun: «وحكومتها» → «وحكومت»."""
    return strip_pronoun(strip_article(word))


def term(word):
    """The term a word (as written) is indexed under: its stem, hamza folded."""
    return fold(stem(word))


def stems(text):
    """The terms of a text's words in order, stopwords left out."""
    return [term(word) for word in search_words(text) if not is_stopword(word)]


@functools.lru_cache(maxsize=100_000)
def particle_hides(particle, body):
    """True if a preposition in front of a short common word (or a form of it:
    «جنة», «جنات», «جنت») spells another word («لجنة»)."""
    if not PREPOSITIONS & set(particle):
        return False
    stem_core = fold(core(body)[0]).removesuffix("ت")
    return bool({fold(body), stem_core, stem_core + "ة"} & SHORT_COMMON_WORDS)


def with_particles(bodies):
    """Terms: each body, and the body with each particle in front («غزة» → «بغزة» …)."""
    return {
        fold(p + body) for body in bodies for p in ("", *PROCLITICS) if not particle_hides(p, body)
    }


# Marks the token a term is also indexed under for each particle it may begin
# with: three tatweels (normalization removes tatweel from words; a spelling
# skeleton begins with one, a plural family with two).
BODY_MARK = "\u0640" * 3


@functools.lru_cache(maxsize=100_000)
def particle_bodies(term):
    """The tokens of an indexed term read as a particle + a body, as with_particles()
    would have written it: «ومدرسة» → {«ـــمدرسة»}, «وبمدرسة» → {«ـــبمدرسة», «ـــمدرسة»}.

    Indexed with the term, they let a query ask for a body with or without any
    particle by two tokens (`body_tokens`) instead of a term for each particle.
    """
    return frozenset(
        BODY_MARK + term[len(p) :]
        for p in PROCLITICS
        if term.startswith(p) and len(term) > len(p) and not particle_hides(p, term[len(p) :])
    )


def body_tokens(bodies):
    """What finds the terms with_particles(bodies) gives: each body as a term, and
    its token with a particle in front (`particle_bodies`)."""
    folded = {fold(body) for body in bodies}
    return frozenset(folded | {BODY_MARK + body for body in folded})


def core(base):
    """(core, feminine) of a stem: without a sound plural, dual or feminine ending."""
    if is_whole_word(base) or fold(base).endswith("ستان"):
        return base, False
    for suffix in ("تان", "تين"):
        if base.endswith(suffix) and len(base) - 3 >= 3:
            return base[:-3], True
    if base.endswith("ة"):
        return base[:-1], True
    if base.endswith("ات") and len(base) - 2 >= 3:
        return base[:-2], True
    for suffix in ("ون", "ين", "ان"):
        if base.endswith(suffix) and len(base) - 2 >= 4:
            return base[:-2], False
    return base, False


def related(base):
    """The other stems of a word's family: singular, plural, dual, masculine, feminine.

    A masculine word only meets its feminine (and back) when it has four letters
    or more: «عمر» is not «عمرة», «الكعبة» is not «كعب»; and never when the two
    are different words (DISTINCT_FEMININES: «الرياض», «الرياضة»). The ت a feminine word
    takes before a pronoun is one of its forms («حكومتها» is indexed «حكومت»),
    except after ا: «صلاتها» and «صلات» cannot be told apart.
    """
    if base.endswith("ه") and len(base) >= 3:
        return {base} | related(base[:-1] + "ة")  # ه typed for ة («الصلاه»)
    stem_core, feminine = core(base)
    bodies = {base}
    if stem_core.endswith("ى"):
        stem_core = stem_core[:-1] + "ي"
        bodies.add(stem_core)
    elif stem_core.endswith("ي"):
        bodies.add(stem_core[:-1] + "ى")
    long_enough = len(stem_core) >= 4
    distinct = fold(stem_core + "ة") in DISTINCT_FEMININES  # ات is the feminine's plural
    both = long_enough and not distinct
    if feminine or both:
        endings = ("ة", "تان", "تين") + (() if stem_core.endswith("ا") else ("ات", "ت"))
        bodies.update(stem_core + e for e in endings)
    if not feminine or both:
        endings = ("",) + (() if distinct else ("ات",))
        endings += ("ون", "ين", "ان") if long_enough else ()
        bodies.update(stem_core + e for e in endings if fold(stem_core + e) not in WHOLE_WORDS)
    return {b for b in bodies if len(b) >= 2}


@functools.lru_cache(maxsize=10_000)
def inflections(word):
    """Every term a typed word's inflections can be indexed under, with its particles.

    The stems `related()` gives, and for a word typed with a pronoun after the ت
    of a feminine noun, that noun's («حكومتها» → «حكومة», «حكومات» …).
    """
    return frozenset(with_particles(inflection_bodies(word)))


@functools.lru_cache(maxsize=10_000)
def inflection_bodies(word):
    """The stems of a typed word's inflections, without particles (`inflections`)."""
    bare = strip_article(word)
    base = strip_pronoun(bare)
    bodies = related(base)
    if base != bare and base.endswith("ت") and not base.endswith("ات"):
        bodies |= related(base[:-1] + "ة")
    if bare == base + "ه":
        bodies |= related(base + "ة")  # or ه typed for ة: «مدرسه» is «مدرسة» more often than not
    return frozenset(bodies | with_kept_pronouns(bodies))


def with_kept_pronouns(bodies):
    """Each body with the pronoun endings the index keeps on it.

    On a short word a pronoun ending stays in the index (`strip_pronoun`:
    «بيته» is indexed «بيته», «كتابك» «كتابك»), so a query for «بيت» asks for
    those forms instead. Not for two-letter words («شبه» is not «شب» + ه), nor
    where the form is a word of its own («مالك», «بنوك»: WHOLE_WORDS).
    """
    return {
        body + suffix
        for body in bodies
        if len(body) >= 3 and not body.endswith("ة")  # before a pronoun ة is written ت
        for suffix, _ in PRONOUNS
        if stem(body + suffix) == body + suffix and not is_whole_word(body + suffix)
    }


def reading_rests(word):
    """What is left of a typed word read as a particle + a word («بغزة» → «غزة»).

    Not when what remains is a short common word: «كابل» is not «ك» + «إبل».
    """
    base = stem(word)
    return [
        base[len(prefix) :]
        for prefix in PROCLITICS
        if base.startswith(prefix)
        and len(base) - len(prefix) >= 3
        and fold(base[len(prefix) :]) not in SHORT_COMMON_WORDS
    ]


@functools.lru_cache(maxsize=10_000)
def readings(word):
    """The terms of the other readings of a typed word that begins with a particle."""
    return frozenset(with_particles(reading_bodies(word)))


def reading_bodies(word):
    """The stems of those readings, without particles (`readings`)."""
    return frozenset().union(*(inflection_bodies(rest) for rest in reading_rests(word)))


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
