"""SQLite: FTS5 over the documents, and an FTS5 trigram table over the word list."""

from ..tree import AllOf, AnyOf, Phrase, Terms
from . import (
    INDEXED,
    NEAR_MISS_CANDIDATES,
    NEAR_MISS_SIMILARITY,
    reading_connection,
    similarity,
    trigrams,
)

SQLITE_TRIGRAM_CANDIDATES = 200  # words fetched by shared trigrams, per query word


class SqliteSearch:
    """FTS5 queries over search_fts (columns title, standfirst, body)."""

    materialized = ""  # SQLite materializes a CTE that is used twice

    def quote(self, text):
        return '"' + text.replace('"', '""') + '"'

    def render(self, node):
        if isinstance(node, Terms):
            return "(" + " OR ".join(self.quote(t) for t in sorted(node.terms)) + ")"
        if isinstance(node, AllOf):
            return "(" + " AND ".join(self.render(p) for p in node.parts) + ")"
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self.render(p) for p in node.parts) + ")"
        if isinstance(node, Phrase):
            pairs = (
                "(" + " OR ".join(self.quote(f"{a} {b}") for a, b in sorted(p)) + ")"
                for p in node.pairs()
            )
            return "(" + " AND ".join(pairs) + ")"
        raise TypeError(node)

    def matching(self, node, within=None, most=None):
        """SQL for article_id of the documents matching node (in one field; at most `most`)."""
        query = self.render(node)
        if within:
            # A field and its variants (spelling skeletons, plural families).
            query = f"{{{within} {within}_variants}} : {query}"
        return (
            "SELECT rowid AS article_id FROM search_fts WHERE search_fts MATCH %s LIMIT %s",
            [query, -1 if most is None else most],
        )

    def matching_visible(self, node, visible, within=None, most=None):
        """SQL for id and published_at of the documents matching node that pass
        `visible`, a condition on search_searchdocument's columns (among the
        first `most` matches, as on PostgreSQL)."""
        match, params = self.matching(node, within, most)
        where, visible_params = visible
        return (
            "SELECT search_searchdocument.article_id AS id, search_searchdocument.published_at"
            f" FROM ({match}) AS m JOIN search_searchdocument"
            f" ON search_searchdocument.article_id = m.article_id WHERE {where}",
            [*params, *visible_params],
        )

    def word_list(self, words):
        """({stem: indexed terms sharing trigrams with it, most similar first},
        the words' own terms that are indexed), from the word list in one query.

        FTS5's trigram tokenizer finds the indexed words that share one of
        pg_trgm's trigrams with the query word (the best
        SQLITE_TRIGRAM_CANDIDATES of them); pg_trgm's similarity is then
        measured here, in Python.
        """
        parts, params, probes = [], [], {}
        for word in words:
            probes[word.stem] = trigrams(word.stem)
            parts.append(
                "SELECT * FROM (SELECT %s, t.term FROM search_searchterm_trigrams"
                " JOIN search_searchterm t ON t.id = search_searchterm_trigrams.rowid"
                " WHERE search_searchterm_trigrams MATCH %s ORDER BY rank LIMIT %s)"
            )
            params += [
                word.stem,
                " OR ".join(self.quote(g) for g in sorted(probes[word.stem])),
                SQLITE_TRIGRAM_CANDIDATES,
            ]
        known = sorted(set().union(*(w.words_to_look_up() for w in words)))
        if known:
            parts.append(
                "SELECT %s, term FROM search_searchterm WHERE term IN ("
                + ", ".join(["%s"] * len(known))
                + ")"
            )
            params += [INDEXED, *known]
        scored, indexed = {}, set()
        with reading_connection().cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for stem, term in cursor.fetchall():
                if stem == INDEXED:
                    indexed.add(term)
                    continue
                score = similarity(probes[stem], trigrams(term))
                if score >= NEAR_MISS_SIMILARITY:
                    scored.setdefault(stem, []).append((-score, term))
        candidates = {
            stem: [term for _, term in sorted(found)[:NEAR_MISS_CANDIDATES]]
            for stem, found in scored.items()
        }
        return candidates, indexed
