"""Arabic text rules shared by slugs, search and the comments word list (no models).

- `normalize`: one spelling for diacritics, hamza seats, ى/ي, ة/ه, digits, case.
- `stemming`: light stemming and the forms a word takes with attached particles.
- `stopwords`: words too common to search for.
- `spelling`: the distance between variant spellings of a word.
"""

from .normalize import normalize, strip_diacritics, strip_invisible, words
from .spelling import spelling_distance
from .stemming import forms, readings, stem, stems, word_forms
from .stopwords import STOPWORDS, is_stopword

__all__ = [
    "STOPWORDS",
    "forms",
    "is_stopword",
    "normalize",
    "readings",
    "spelling_distance",
    "stem",
    "stems",
    "strip_diacritics",
    "strip_invisible",
    "word_forms",
    "words",
]
