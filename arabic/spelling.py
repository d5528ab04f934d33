"""Spelling distance between words: cheap for the usual variant spellings of names."""

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
