"""Arabic text rules shared by slugs, search and the comments word list (no models).

- `normalize`: one spelling for diacritics, hamza seats, ى/ي, ة/ه, digits, case;
  and the words of a text as search reads them (ة, ى and hamza as written).
- `stemming`: what search indexes for a word (its term) and what a typed word
  may also be (its family, its forms with particles, other readings).
- `stopwords`: words too common to search for.
- `spelling`: a word's spelling skeleton, and the distance between variant spellings.
"""

from .normalize import fold_hamza, normalize, search_words, strip_diacritics, strip_invisible, words
from .spelling import query_skeletons, skeleton, spelling_distance
from .stemming import (
    BODY_MARK,
    body_tokens,
    inflection_bodies,
    inflections,
    particle_bodies,
    reading_bodies,
    reading_rests,
    readings,
    stem,
    stems,
    term,
    with_particles,
    word_forms,
)
from .stopwords import STOPWORDS, is_folded_stopword, is_stopword

__all__ = [
    "BODY_MARK",
    "STOPWORDS",
    "body_tokens",
    "inflection_bodies",
    "particle_bodies",
    "reading_bodies",
    "fold_hamza",
    "inflections",
    "is_folded_stopword",
    "is_stopword",
    "normalize",
    "query_skeletons",
    "reading_rests",
    "readings",
    "search_words",
    "skeleton",
    "spelling_distance",
    "stem",
    "stems",
    "strip_diacritics",
    "strip_invisible",
    "term",
    "with_particles",
    "word_forms",
    "words",
]
