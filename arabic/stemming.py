"""Light stemming: the clitics readers type around a word, removed without a dictionary.

The article and its combinations in front, plural, dual and pronoun endings
behind. It is deliberately timid: a prefix or suffix is only removed when
enough of the word is left, so short words stay whole.
"""

import functools
import re

from .normalize import words
from .stopwords import is_stopword

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
