"""Variant spellings: a word's spelling skeleton, and the distance between two words.

Every word of four letters or more is indexed with a skeleton beside its term:
one seat for every hamza, long vowels left out, ت/ث/ط and س/ص alike, a final
ا/ى/ة/ه merged, so «شئون» and «شؤون», «كابل» and «كابول», «واشنطن» and
«واشنطون» meet whatever their frequency. The distance is the last resort,
for near misses looked up in the word list.
"""

import functools
import re

from .stemming import strip_article, strip_pronoun

ARABIC_LETTERS = re.compile("[\u0621-\u063a\u0641-\u064a]+")

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


# --- The spelling skeleton ---------------------------------------------------------

SKELETON_MARK = "\u0640"  # tatweel: normalization removes it from every word
HAMZA_SEATS = frozenset("ءأإآٱؤئ")
WEAK = frozenset("وي")
FINAL_VOWELS = frozenset("اىةه")
# Consonants spelt two ways in names from other languages (five letters or more).
CONSONANTS = str.maketrans({"ث": "ت", "ط": "ت", "ص": "س"})


def skeleton_key(word):
    """The skeleton of a stem (as written), or "" for short or non-Arabic words.

    Four-letter words only vary in their weak letters (hamza, و/ي, the final
    vowel); longer ones also lose ا and merge ت/ث/ط, س/ص and ن/م before ب.
    """
    if len(word) < 4 or not ARABIC_LETTERS.fullmatch(word):
        return ""
    long = len(word) >= 5
    first = "ء" if word[0] in HAMZA_SEATS or word[0] == "ا" else word[0]
    last = "ه" if word[-1] in FINAL_VOWELS else ("ء" if word[-1] in HAMZA_SEATS else word[-1])
    middle = []
    for ch in word[1:-1]:
        if ch in HAMZA_SEATS:
            middle.append("ء")
        elif ch in WEAK or (long and ch == "ا"):
            continue
        else:
            middle.append(ch)
    body = "".join(middle)
    if long:
        body = (first + body + last).translate(CONSONANTS).replace("نب", "مب")
        return SKELETON_MARK + body
    # Four letters: their own marks, so «علوم» (علم) never meets «عالم» read long.
    return SKELETON_MARK + first + body + last + SKELETON_MARK


def skeleton_base(word):
    """What a word's skeleton is made from: its stem, or with a final ه that may be ة."""
    bare = strip_article(word)
    base = strip_pronoun(bare)
    return bare if bare == base + "ه" else base


def skeleton(word):
    """The skeleton token of a word as written (the index's second key), or ""."""
    return skeleton_key(skeleton_base(word))


@functools.lru_cache(maxsize=10_000)
def query_skeletons(word):
    """Every skeleton under which a variant spelling of a typed word may be indexed.

    The word's own and, for four- and five-letter words, the ones a variant
    with an ا or a و more or less has («كابل» and «كابول»); not ي, which
    makes another word («بلدية», «بلدة»). Not with a particle in front either:
    without its vowels «فصلاة» is «فصلية».
    """
    base = skeleton_base(word)
    keys = {skeleton_key(base)}
    if len(base) == 4:
        keys.add(skeleton_key(base[0] + "ا" + base[1:]))  # read long
    if len(base) == 5:
        keys.update(skeleton_key(base[:i] + base[i + 1 :]) for i in range(1, 4) if base[i] == "و")
    keys.discard("")
    return frozenset(keys)
