"""PostgreSQL: tsqueries over generated tsvector columns with GIN indexes, pg_trgm near misses."""

from ..tree import PAIR_JOINER, AllOf, AnyOf, Phrase, Terms
from . import INDEXED, NEAR_MISS_CANDIDATES, reading_connection


class PostgresSearch:
    """tsqueries over the generated columns vector (every field), title_vector and
    standfirst_vector, each with a GIN index (migration search/0001_initial)."""

    materialized = "MATERIALIZED"
    COLUMNS = {None: "vector", "title": "title_vector", "standfirst": "standfirst_vector"}

    def lexeme(self, term):
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def render(self, node):
        if isinstance(node, Terms):
            return "(" + " | ".join(self.lexeme(t) for t in sorted(node.terms)) + ")"
        if isinstance(node, AllOf):
            return "(" + " & ".join(self.render(p) for p in node.parts) + ")"
        if isinstance(node, AnyOf):
            return "(" + " | ".join(self.render(p) for p in node.parts) + ")"
        if isinstance(node, Phrase):
            pairs = (
                Terms(frozenset(a + PAIR_JOINER + b for a, b in sorted(p))) for p in node.pairs()
            )
            return self.render(AllOf(tuple(pairs)))
        raise TypeError(node)

    def matching(self, node, within=None, most=None):
        """SQL for article_id of the documents matching node (in one field; at most `most`)."""
        return (
            "SELECT article_id FROM search_matches(%s::tsquery, %s, %s)",
            [self.render(node), self.COLUMNS[within], most],
        )

    def matching_visible(self, node, visible, within=None, most=None):
        """SQL for id and published_at of the documents matching node that pass
        `visible`, a condition on search_searchdocument's columns: search_matches()
        returns them with each match, read from the rows the scan visits anyway."""
        where, params = visible
        return (
            "SELECT search_searchdocument.article_id AS id, search_searchdocument.published_at"
            " FROM search_matches(%s::tsquery, %s, %s) AS search_searchdocument"
            f" WHERE {where}",
            [self.render(node), self.COLUMNS[within], most, *params],
        )

    def word_list(self, words):
        """({stem: indexed terms sharing trigrams with it, most similar first},
        the words' own terms that are indexed), from the word list in one query."""
        parts, params = [], []
        for word in words:
            parts.append(
                "(SELECT %s, term FROM search_searchterm WHERE term %% %s"
                " ORDER BY similarity(term, %s) DESC, term LIMIT %s)"
            )
            params += [word.stem, word.stem, word.stem, NEAR_MISS_CANDIDATES]
        known = sorted(set().union(*(w.words_to_look_up() for w in words)))
        if known:
            # One unique-index lookup per form: a long IN list is planned as a
            # scan of the trigram index (7 ms for 300 forms, 0.1 ms this way).
            parts.append(
                "(SELECT %s, t.term FROM unnest(%s::varchar[]) AS known(term)"
                " JOIN search_searchterm t ON t.term = known.term)"
            )
            params += [INDEXED, known]
        found, indexed = {}, set()
        with reading_connection().cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for stem, term in cursor.fetchall():
                if stem == INDEXED:
                    indexed.add(term)
                else:
                    found.setdefault(stem, []).append(term)
        return found, indexed
