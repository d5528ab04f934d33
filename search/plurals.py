"""Broken plurals: news nouns whose plural is not the singular with an ending.

The table (data/broken_plurals.txt) is applied like a synonym list at index time:
every word of a family («طفل», «أطفال») is indexed with the family's token as
well as its own term, and a query word asks for its family's token too. Matches
through the table rank below the word and its own stem (search.query).
"""

import functools
from pathlib import Path

from arabic import stemming

TABLE = Path(__file__).resolve().parent / "data" / "broken_plurals.txt"
FAMILY_MARK = "\u0640\u0640"  # two tatweels: no term, pair or skeleton begins so


def load_families(path=TABLE):
    """{term: family token} for every singular and plural in the table."""
    families = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#")[0].split()
        if len(words) < 2:
            continue
        token = FAMILY_MARK + stemming.term(words[0])
        for word in words:
            families[stemming.term(word)] = token
    return families


FAMILIES = load_families()


def candidates(term):
    """A term as the table may hold it: as is, with ة for a final ت, without a particle."""
    yield term
    if term.endswith("ت"):
        yield term[:-1] + "ة"
    for particle in sorted(stemming.PROCLITICS, key=len, reverse=True):
        rest = term[len(particle) :]
        if term.startswith(particle) and len(rest) >= 2:
            if not stemming.particle_hides(particle, rest):
                yield rest
                if rest.endswith("ت"):
                    yield rest[:-1] + "ة"


@functools.lru_cache(maxsize=100_000)
def family(term):
    """The family token of an indexed term («اطفال» → «ــطفل»), or ""."""
    return next((FAMILIES[c] for c in candidates(term) if c in FAMILIES), "")
