"""`field__folded`: "contains" the way Arabic readers and editors spell, as a database lookup.

The desk's search boxes must find «أحمد» when «احمد» is typed, «مدرسة» for
«مدرسه», and ignore tashkeel and tatweel. Both sides go through the same
folding: the column in SQL (nested REPLACE and LOWER, on SQLite and
PostgreSQL alike), what was typed in Python. No stored copy to keep in step,
which suits the desk's lists (thousands of rows, not the readers' search).
"""

from django.db.models import CharField, Lookup, TextField

from .normalize import ENDING_FORMS, HAMZA_FORMS, TATWEEL

# Fathatan to sukun, the superscript alef, tatweel: dropped; hamza seats and
# the swapped final letters: one letter each.
FOLDS = [
    *HAMZA_FORMS.items(),
    *ENDING_FORMS.items(),
    *((chr(code), "") for code in range(0x064B, 0x0653)),
    ("\u0670", ""),
    (TATWEEL, ""),
]


def fold(text):
    """What was typed, folded as the column is in SQL."""
    for letter, replacement in FOLDS:
        text = text.replace(letter, replacement)
    return text.lower()


class FoldedContains(Lookup):
    lookup_name = "folded"

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        sql = f"LOWER({column})"
        for letter, replacement in FOLDS:
            sql = f"REPLACE({sql}, %s, %s)"
            params = [*params, letter, replacement]
        pattern = f"%{connection.ops.prep_for_like_query(fold(str(self.rhs)))}%"
        return f"{sql} LIKE %s ESCAPE '\\'", [*params, pattern]


def register():
    CharField.register_lookup(FoldedContains)
    TextField.register_lookup(FoldedContains)
