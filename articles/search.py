"""Reader search: the search document of each article, and ranked queries over it.

Index and query go through the same Arabic rules (articles/arabic.py). An
article's document is its stems, rebuilt whenever the article is saved; each
database indexes it its own way (PostgreSQL: tsvector + GIN, SQLite: FTS5),
and both answer the same query tree, so both rank the same way:

1. phrase, then all words, then some of the words;
2. (only when a spelling fallback was used) the words as typed before near misses;
3. title, then standfirst, then body;
4. newest first.

A word that finds fewer than FEW published articles as typed is widened: to
other readings of a leading particle («بغزة» → «غزة») and to near misses: indexed
words that share trigrams with it (pg_trgm on PostgreSQL; FTS5's trigram
tokenizer and the same measure in Python on SQLite) and are one usual variant
spelling away (arabic.spelling_distance).
"""

import functools
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import arabic
from .models import Article, SearchDocument, SearchTerm, html_text

MAX_QUERY_LENGTH = 200  # characters of the query that are read
MAX_QUERY_WORDS = 8  # searchable words of the query that are used
FEW = 3  # a word "finds little" below this many published articles …
LOOKUP_SAMPLE = 100  # … among this many matching documents
NEAR_MISS_MIN_LENGTH = 5  # shorter words are too easily another word («مصر», «مصرف»)
NEAR_MISS_SIMILARITY = 0.3  # pg_trgm's default: what makes an indexed word a candidate
NEAR_MISS_CANDIDATES = 50  # best candidates per word, then judged by spelling distance
SQLITE_TRIGRAM_CANDIDATES = 200  # SQLite: words fetched by shared trigrams, per query word
MAX_DOCUMENT_WORDS = 20_000  # per field: PostgreSQL limits a tsvector to 1 MB
MAX_TERM_LENGTH = 64  # longer "words" (pasted links, garbage) stay out of the word list
SNIPPET_WORDS = 14  # words of the body shown on each side of the first match

# Points of each way a document can match; any combination sorts in the order
# given in the module docstring.
PHRASE_POINTS = ALL_WORDS_POINTS = 1000
AS_TYPED_POINTS = 100
TITLE_POINTS = 10
STANDFIRST_POINTS = 3


# --- Documents -----------------------------------------------------------------

# Placeholders an editor may put in a body, such as [[figure:2]]: not prose.
MARKER = re.compile(r"\[\[[^\[\]]*\]\]")


def plain_text(body_html):
    """The text of a (sanitized) article body, with tags and markers turned into spaces."""
    return MARKER.sub(" ", html_text(body_html))


def document_fields(title, standfirst, body_html):
    """The fields of a search document: the stems of each part of an article."""

    def terms(text):
        return " ".join(arabic.stems(text)[:MAX_DOCUMENT_WORDS])

    return {
        "title": terms(title or ""),
        "standfirst": terms(standfirst or ""),
        "body": terms(plain_text(body_html)),
    }


def build_document(article):
    """The search document of an article (not saved)."""
    fields = document_fields(article.title, article.standfirst, article.body)
    return SearchDocument(article_id=article.pk, **fields)


def document_terms(document):
    return {
        term
        for text in (document.title, document.standfirst, document.body)
        for term in text.split()
        if len(term) <= MAX_TERM_LENGTH
    }


def save_documents(documents, batch_size=500):
    """Write documents (insert or replace) and add their words to the word list."""
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["title", "standfirst", "body"],
    )
    terms = set().union(*(document_terms(d) for d in documents)) if documents else set()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t) for t in sorted(terms)], batch_size=batch_size, ignore_conflicts=True
    )


def index_article(article):
    """Rebuild one article's search document."""
    save_documents([build_document(article)])


@receiver(post_save, sender=Article, dispatch_uid="articles.search.index_saved_article")
def index_saved_article(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not {"title", "standfirst", "body"} & set(update_fields):
        return
    index_article(instance)


def rebuild_index(batch_size=500, progress=None):
    """Rebuild every document and the word list, e.g. after bulk imports or
    QuerySet.update(), which bypass Article.save(). Returns the number of articles."""
    SearchTerm.objects.all().delete()
    articles = Article.objects.only("title", "standfirst", "body").order_by("pk")
    done, last_pk = 0, 0
    while True:
        batch = list(articles.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        save_documents([build_document(article) for article in batch], batch_size)
        done, last_pk = done + len(batch), batch[-1].pk
        if progress:
            progress(done)
    return done


# --- What the reader typed -------------------------------------------------------


@dataclass
class Word:
    """One searchable word of a query and the stems it may be found under."""

    typed: str  # normalized, as typed
    base: str  # without the article
    stem: str
    forms: frozenset  # the word as typed, with and without attached particles
    readings: frozenset  # other readings of a leading particle (fallback)
    near_misses: set = field(default_factory=set)  # similar indexed words (fallback)
    widened: bool = False

    @classmethod
    def from_typed(cls, typed):
        return cls(
            typed=typed,
            base=arabic.strip_article(typed),
            stem=arabic.stem(typed),
            forms=frozenset(arabic.forms(typed)),
            readings=frozenset(arabic.readings(typed)),
        )

    def is_near_miss(self, term):
        """True if an indexed stem is a variant spelling of this word."""
        if len(self.base) < NEAR_MISS_MIN_LENGTH or term in self.forms:
            return False
        budget = 1 if len(self.base) < 8 else 2
        distance = min(
            arabic.spelling_distance(self.stem, term), arabic.spelling_distance(self.base, term)
        )
        return distance <= budget

    @property
    def terms(self):
        """Every stem this word matches in the current search."""
        if not self.widened:
            return self.forms
        return self.forms | self.readings | self.near_misses


class ReaderQuery:
    """A reader's query: cut to a sane length, normalized, stopwords dropped."""

    def __init__(self, text):
        text = " ".join((text or "").split())
        self.was_shortened = len(text) > MAX_QUERY_LENGTH
        if self.was_shortened:
            # Cut between words, unless the first one is that long.
            text = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0][:MAX_QUERY_LENGTH]
        typed = []
        for written in WRITTEN_WORD.finditer(text):
            new = [
                word
                for word in dict.fromkeys(arabic.words(written.group()))
                if not arabic.is_stopword(word) and word not in typed
            ]
            if len(typed) + len(new) > MAX_QUERY_WORDS:
                # The text shown ends where the search does.
                text, self.was_shortened = text[: written.start()].rstrip(), True
                break
            typed += new
        self.text = text
        self.words = [Word.from_typed(w) for w in typed]

    @property
    def is_empty(self):
        return not self.text

    @property
    def terms(self):
        return set().union(*(w.terms for w in self.words)) if self.words else set()


# --- The query tree -----------------------------------------------------------------
# Built once, rendered as a tsquery for PostgreSQL or an FTS5 query for SQLite.
# Every node can be answered from an index alone (no positions, no weights), so
# PostgreSQL never rereads a document to check a match.

# Joins two stems into the pair token PostgreSQL indexes for phrases (tatweel:
# normalization removes it from words, so no word contains it). It must be the
# one in articles_search_pairs() (migration 0002).
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


class PostgresSearch:
    """tsqueries over the generated columns vector (every field), title_vector and
    standfirst_vector, each with a GIN index (migration 0002)."""

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
            "SELECT article_id FROM articles_search_matches(%s::tsquery, %s, %s)",
            [self.render(node), self.COLUMNS[within], most],
        )

    def near_miss_candidates(self, words):
        """{stem: indexed stems sharing trigrams with it, most similar first} (one query)."""
        parts, params = [], []
        for word in words:
            parts.append(
                "(SELECT %s, term FROM articles_searchterm WHERE term %% %s"
                " ORDER BY similarity(term, %s) DESC, term LIMIT %s)"
            )
            params += [word.stem, word.stem, word.stem, NEAR_MISS_CANDIDATES]
        found = {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for stem, term in cursor.fetchall():
                found.setdefault(stem, []).append(term)
        return found


class SqliteSearch:
    """FTS5 queries over articles_search_fts (columns title, standfirst, body)."""

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
            query = f"{{{within}}} : {query}"
        return (
            "SELECT rowid AS article_id FROM articles_search_fts"
            " WHERE articles_search_fts MATCH %s LIMIT %s",
            [query, -1 if most is None else most],
        )

    def near_miss_candidates(self, words):
        """{stem: indexed stems sharing trigrams with it, most similar first} (one query).

        FTS5's trigram tokenizer finds the indexed words that share one of
        pg_trgm's trigrams with the query word (the best
        SQLITE_TRIGRAM_CANDIDATES of them); pg_trgm's similarity is then
        measured here, in Python.
        """
        parts, params, probes = [], [], {}
        for word in words:
            probes[word.stem] = trigrams(word.stem)
            parts.append(
                "SELECT * FROM (SELECT %s, t.term FROM articles_searchterm_trigrams"
                " JOIN articles_searchterm t ON t.id = articles_searchterm_trigrams.rowid"
                " WHERE articles_searchterm_trigrams MATCH %s ORDER BY rank LIMIT %s)"
            )
            params += [
                word.stem,
                " OR ".join(self.quote(g) for g in sorted(probes[word.stem])),
                SQLITE_TRIGRAM_CANDIDATES,
            ]
        if not parts:
            return {}
        scored = {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for stem, term in cursor.fetchall():
                score = similarity(probes[stem], trigrams(term))
                if score >= NEAR_MISS_SIMILARITY:
                    scored.setdefault(stem, []).append((-score, term))
        return {
            stem: [term for _, term in sorted(found)[:NEAR_MISS_CANDIDATES]]
            for stem, found in scored.items()
        }


def trigrams(word):
    """pg_trgm's trigrams of one word: padded with two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's similarity of two trigram sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def backend():
    return PostgresSearch() if connection.vendor == "postgresql" else SqliteSearch()


class ArticleSearch:
    """A reader's query run against published articles.

    Creating it runs the lookups (two queries, whatever the data): which words
    find little as typed, and their near misses. `page()` then fetches one page
    of ranked results and the total (two more queries).
    """

    def __init__(self, query, articles=None):
        self.query = query
        # The one definition of what readers may see.
        self.articles = Article.objects.published() if articles is None else articles
        self.published = self.articles.order_by().values("id", "published_at").query
        self.backend = backend()
        self.all_words_are_few = True
        if query.words:
            self.lookup(query.words)

    def published_sql(self):
        sql, params = self.published.sql_with_params()
        return f"({sql})", list(params)

    def matching_published(self, node, most=None):
        """SQL selecting id and published_at of the published articles matching node."""
        published, params = self.published_sql()
        match, match_params = self.backend.matching(node, most=most)
        sql = (
            f"SELECT p.id, p.published_at FROM ({match}) m"
            f" JOIN {published} p ON p.id = m.article_id"
        )
        return sql, match_params + params

    def lookup(self, words):
        """Widen the words that find little as typed; note if all words together do.

        "Little" is fewer than FEW published articles among the first
        LOOKUP_SAMPLE documents that match, so the check costs the same for
        a rare word and a common one.
        """
        checks = [AllOf(tuple(Terms(w.forms) for w in words))]
        checks += [Terms(w.forms) for w in words] if len(words) > 1 else []
        sqls = []
        for node in checks:
            sql, params = self.matching_published(node, most=LOOKUP_SAMPLE)
            sqls.append((f"(SELECT COUNT(*) FROM ({sql} LIMIT {FEW}) AS sample) >= {FEW}", params))
        # When all the words together find plenty, each of them does: the
        # database only checks the words one by one when they do not.
        (all_words, params), each = sqls[0], []
        for sql, p in sqls[1:]:
            each.append(f", CASE WHEN checked.all_words THEN 1 = 1 ELSE {sql} END")
            params = p + params
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT checked.all_words{''.join(each)}"
                f" FROM (SELECT {all_words} AS all_words) AS checked",
                params,
            )
            found = [bool(value) for value in cursor.fetchone()]
        self.all_words_are_few = not found[0]
        plenty = found[1:] if len(words) > 1 else found
        candidates = self.backend.near_miss_candidates(words)
        for word, has_plenty in zip(words, plenty, strict=True):
            if not has_plenty:
                word.widened = True
                for term in candidates.get(word.stem, ()):
                    if word.is_near_miss(term):
                        word.near_misses |= arabic.forms(term)

    def tree(self):
        """What an article must match, and the points for each way it matches."""
        words = self.query.words
        any_word = AnyOf(tuple(Terms(w.terms) for w in words))
        if len(words) == 1:
            match = any_word
            points = [
                (TITLE_POINTS, any_word, "title"),
                (STANDFIRST_POINTS, any_word, "standfirst"),
            ]
        else:
            all_words = AllOf(tuple(Terms(w.terms) for w in words))
            phrase = Phrase(words[0].terms, tuple(w.stem for w in words[1:]))
            # When few articles have all the words, those with some come in too:
            # with all the words that are common (a rare or misspelt word need
            # not be there), or with one of the rare ones.
            rare = [w for w in words if w.widened]
            common = [w for w in words if not w.widened]
            if not self.all_words_are_few:
                match = all_words
            elif rare and common:
                with_common = AllOf(tuple(Terms(w.terms) for w in common))
                match = AnyOf((with_common, *(Terms(w.terms) for w in rare)))
            else:
                match = any_word
            points = [(PHRASE_POINTS, phrase, None), (TITLE_POINTS, phrase, "title")]
            points += [(STANDFIRST_POINTS, phrase, "standfirst")]
            for node in (any_word, all_words) if self.all_words_are_few else (all_words,):
                points += [(TITLE_POINTS, node, "title"), (STANDFIRST_POINTS, node, "standfirst")]
            if self.all_words_are_few:
                points.append((ALL_WORDS_POINTS, all_words, None))
        if any(w.widened for w in words):
            as_typed = AllOf(tuple(Terms(w.forms) for w in words))
            points.append((AS_TYPED_POINTS, as_typed, None))
        return match, points

    def page(self, number, per_page):
        """(total, articles) for page `number`; each article has its `search_rank`."""
        if not self.query.words:
            return 0, []
        match, points = self.tree()
        found, params = self.matching_published(match)
        cases = []
        for n, node, within in points:
            sql, p = self.backend.matching(node, within)
            cases.append(f"CASE WHEN f.id IN ({sql}) THEN {int(n)} ELSE 0 END")
            params += p
        rank = " + ".join(cases) or "0"
        # One query for the total and the page; the page is ranked on ids and
        # dates only, and the articles themselves are fetched for it alone.
        sql = (
            f"WITH found AS {self.backend.materialized} ({found}),"
            f" ranked AS (SELECT f.id, f.published_at, {rank} AS search_rank FROM found f"
            f" ORDER BY search_rank DESC, f.published_at DESC, f.id DESC LIMIT %s OFFSET %s)"
            f" SELECT (SELECT COUNT(*) FROM found), ranked.id, ranked.search_rank"
            f" FROM (SELECT 1) AS one LEFT JOIN ranked ON 1 = 1"
            f" ORDER BY ranked.search_rank DESC, ranked.published_at DESC, ranked.id DESC"
        )
        params += [per_page, (number - 1) * per_page]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = rows[0][0]
        ranks = {pk: rank for _, pk, rank in rows if pk is not None}
        articles = self.articles.filter(pk__in=ranks).select_related("category")
        by_pk = {article.pk: article for article in articles}
        page = []
        for pk, rank in ranks.items():  # dicts keep the ranked order
            if pk in by_pk:
                by_pk[pk].search_rank = rank
                page.append(by_pk[pk])
        return total, page


class RankedResults:
    """One fetched page of results and the total, shaped for Django's Paginator."""

    def __init__(self, total, page):
        self.total, self.page = total, page

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.page  # the Paginator only asks for the page that was fetched


# --- Showing matches --------------------------------------------------------------

# A word as written: letters and digits with the diacritics, tatweel and
# invisible characters that normalization removes from inside it.
WRITTEN_WORD = re.compile(
    r"(?:[^\W_]|[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060-\u2064\ufeff])+"
)


@functools.lru_cache(maxsize=100_000)
def written_stems(written):
    """The stems of a word as written (diacritics and all); stopwords give none."""
    return frozenset(arabic.stem(w) for w in arabic.words(written) if not arabic.is_stopword(w))


class Highlighter:
    """Marks the words of a text that the search matched, as they are written."""

    def __init__(self, terms):
        self.terms = frozenset(terms)

    def is_match(self, written):
        return not self.terms.isdisjoint(written_stems(written))

    def mark(self, text):
        """Escaped text with matched words in <mark>."""
        out, last = [], 0
        for match in WRITTEN_WORD.finditer(text):
            if self.is_match(match.group()):
                out += [
                    escape(text[last : match.start()]),
                    "<mark>",
                    escape(match.group()),
                    "</mark>",
                ]
                last = match.end()
        out.append(escape(text[last:]))
        return mark_safe("".join(out))

    def snippet(self, body_html):
        """A few words of the body around its first match, marked; "" if none."""
        text = " ".join(plain_text(body_html).split())
        spans = list(WRITTEN_WORD.finditer(text))
        first = next((i for i, m in enumerate(spans) if self.is_match(m.group())), None)
        if first is None:
            return ""
        start_i, end_i = max(0, first - SNIPPET_WORDS), min(len(spans), first + SNIPPET_WORDS + 1)
        start = spans[start_i].start() if start_i else 0
        end = spans[end_i - 1].end() if end_i < len(spans) else len(text)
        marked = self.mark(text[start:end])
        before = "… " if start else ""
        after = " …" if end < len(text) else ""
        return mark_safe(f"{before}{marked}{after}")


@dataclass
class SearchResult:
    """An article as a search result: its title, standfirst and snippet with matches marked."""

    article: Article
    title: str
    standfirst: str
    snippet: str

    @classmethod
    def of(cls, article, highlighter):
        return cls(
            article=article,
            title=highlighter.mark(article.title),
            standfirst=highlighter.mark(article.standfirst),
            snippet=highlighter.snippet(article.body),
        )
