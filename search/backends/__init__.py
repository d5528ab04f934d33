"""One backend per database, behind one small interface.

A backend renders a query tree (search.tree) for its database and answers two
questions: `matching(node, within, most)` gives SQL for the ids of the matching
documents, and `word_list(words)` the indexed words that share trigrams with
each query word, and which of the words' own forms are indexed at all. Both
databases find the same words.
"""

from django.db import connections, router

NEAR_MISS_SIMILARITY = 0.3  # pg_trgm's default: what makes an indexed word a candidate
NEAR_MISS_CANDIDATES = 50  # best candidates per word, then judged by spelling distance
INDEXED = "\u0640"  # labels the word list's answer "these forms are indexed" (no stem is so)


def trigrams(word):
    """pg_trgm's trigrams of one word: padded with two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's similarity of two trigram sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def reading_connection():
    """The connection search reads through: a replica's on readers' requests (the router)."""
    from ..models import SearchDocument

    return connections[router.db_for_read(SearchDocument)]


def backend():
    """The backend of the default database."""
    if reading_connection().vendor == "postgresql":
        from .postgres import PostgresSearch

        return PostgresSearch()
    from .sqlite import SqliteSearch

    return SqliteSearch()
