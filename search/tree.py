"""The query tree: built once, rendered by each backend for its database.

Every node can be answered from an index alone (no positions, no weights), so
PostgreSQL never rereads a document to check a match.
"""

from dataclasses import dataclass

# Joins two stems into the pair token PostgreSQL indexes for phrases (tatweel:
# normalization removes it from words, so no word contains it). It must be the
# one in search_pairs() (migration search 0001).
PAIR_JOINER = "\u0640"


@dataclass(frozen=True)
class Terms:
    """Any of these stems."""

    terms: frozenset


@dataclass(frozen=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True)
class AnyOf:
    parts: tuple


@dataclass(frozen=True)
class Phrase:
    """Words next to each other: the first in any of its forms, the others as stems.

    Both databases read it as "each pair of neighbouring words occurs": pair
    tokens on PostgreSQL, two-word FTS5 phrases on SQLite.
    """

    first: frozenset
    rest: tuple

    def pairs(self):
        yield frozenset((t, self.rest[0]) for t in self.first)
        for a, b in zip(self.rest, self.rest[1:], strict=False):
            yield frozenset([(a, b)])
