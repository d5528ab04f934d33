"""Reader search: a reader's query, and ranked results over the search documents.

Index and query go through the same Arabic rules (the `arabic` package). An
article's document is its terms and their variants, rebuilt whenever the
article is saved (search.documents); each database indexes it its own way
(search.backends: PostgreSQL tsvector + GIN, SQLite FTS5), and both answer the
same query tree (search.tree), so both rank the same way:

1. phrase, then all words, then some of the words;
2. how each word was found: as typed, then in another form of the same stem
   (plural, feminine …), then through the broken-plural table, then through its
   spelling skeleton, then (only when a fallback was used) the rest;
3. title, then standfirst, then body;
4. newest first.

A word that finds fewer than FEW published articles as typed is widened: to
other readings of a leading particle («بغزة» → «غزة») and to near misses: indexed
words that share trigrams with it (pg_trgm on PostgreSQL; FTS5's trigram
tokenizer and the same measure in Python on SQLite) and are one usual variant
spelling away (arabic.spelling_distance).
"""

from dataclasses import dataclass, field

import arabic
from arabic.normalize import WRITTEN_WORD
from articles.models import Article, visible_to_readers

from . import plurals
from .backends import backend, reading_connection
from .models import SearchDocument
from .tree import AllOf, AnyOf, Phrase, Terms

MAX_QUERY_LENGTH = 200  # characters of the query that are read
MAX_QUERY_WORDS = 8  # searchable words of the query that are used
FEW = 3  # a word "finds little" below this many published articles …
LOOKUP_SAMPLE = 100  # … among this many matching documents
NEAR_MISS_MIN_LENGTH = 5  # shorter words are too easily another word («مصر», «مصرف»)

# Points of each way a document can match; any combination sorts in the order
# given in the module docstring.
PHRASE_POINTS = ALL_WORDS_POINTS = 1000
TIER_POINTS = 100  # for each of the four ways of finding a word, down to the one used
TITLE_POINTS = 10
STANDFIRST_POINTS = 3


@dataclass
class Word:
    """One searchable word of a query and what it may be found under, best first."""

    typed: str  # as search reads it (arabic.search_words)
    base: str  # without the article and a pronoun, hamza folded
    stem: str  # its term: what phrases pair
    exact: frozenset  # the word as typed, with and without attached particles
    inflections: frozenset  # its other forms: plural, dual, feminine, masculine
    plurals: frozenset  # its broken-plural family token (search.plurals)
    skeletons: frozenset  # spelling skeletons of its variants (arabic.query_skeletons)
    readings: frozenset  # other readings of a leading particle (fallback)
    reading_skeletons: frozenset  # and their skeletons (fallback)
    # What the index is asked for: the same words as exact, inflections and
    # readings, each body with and without any particle in two tokens
    # (arabic.body_tokens) instead of a term per particle.
    exact_tokens: frozenset
    inflection_tokens: frozenset
    reading_tokens: frozenset
    near_misses: set = field(default_factory=set)  # similar indexed words (fallback)
    near_miss_tokens: set = field(default_factory=set)
    widened: bool = False

    @classmethod
    def from_typed(cls, typed):
        base, term = arabic.stem(typed), arabic.term(typed)
        exact = frozenset(arabic.with_particles({base}))
        forms = exact | arabic.inflections(typed)
        exact_tokens = arabic.body_tokens({base})
        # The broken-plural family of the word or of a form of it («طالبات» → «طلاب»).
        tokens = {plurals.family(t) for t in (term, *arabic.inflections(typed))} - {""}
        return cls(
            typed=typed,
            base=arabic.fold_hamza(base),
            stem=term,
            exact=exact,
            inflections=forms - exact,
            plurals=frozenset(tokens),
            skeletons=frozenset(arabic.query_skeletons(typed)),
            readings=frozenset(arabic.readings(typed)) - forms,
            reading_skeletons=frozenset(
                key for rest in arabic.reading_rests(typed) for key in arabic.query_skeletons(rest)
            ),
            exact_tokens=exact_tokens,
            inflection_tokens=arabic.body_tokens(arabic.inflection_bodies(typed)) - exact_tokens,
            reading_tokens=arabic.body_tokens(arabic.reading_bodies(typed)),
        )

    @property
    def forms(self):
        """The word as typed and in the other forms of its stem."""
        return self.exact | self.inflections

    @property
    def form_tokens(self):
        """The tokens of the word as typed and in the other forms of its stem."""
        return self.exact_tokens | self.inflection_tokens

    def tiers(self):
        """What the word matches, cumulatively, from as typed down to its skeleton."""
        found = frozenset()
        for tier in (self.exact_tokens, self.inflection_tokens, self.plurals, self.skeletons):
            found |= tier
            yield found

    def words_to_look_up(self):
        """The terms to look up in the word list: most forms of a word are never indexed."""
        return self.exact | self.inflections | self.readings

    def keep_indexed(self, indexed, found):
        """Forget the forms the word list does not have, and the tokens that find
        none of them (`found`: the indexed forms and their particle bodies):
        smaller queries, and no ranking step that cannot change the order."""
        # Never empty: a word none of whose forms is indexed still needs one term.
        self.exact = self.exact & indexed or frozenset([self.stem])
        self.inflections &= indexed
        self.readings &= indexed
        self.exact_tokens = self.exact_tokens & found or frozenset([self.stem])
        self.inflection_tokens &= found
        self.reading_tokens &= found

    def is_near_miss(self, term):
        """True if an indexed term is a variant spelling of this word."""
        if len(self.base) < NEAR_MISS_MIN_LENGTH or term in self.forms:
            return False
        budget = 1 if len(self.base) < 8 else 2
        term = arabic.normalize(term)
        distance = min(
            arabic.spelling_distance(arabic.normalize(self.stem), term),
            arabic.spelling_distance(arabic.normalize(self.base), term),
        )
        return distance <= budget

    @property
    def words(self):
        """The terms (no variant tokens) this word matches in the current search."""
        if not self.widened:
            return self.forms
        return self.forms | self.readings | self.near_misses

    @property
    def terms(self):
        """Every token this word matches in the current search."""
        found = self.form_tokens | self.plurals | self.skeletons
        if not self.widened:
            return found
        return found | self.reading_tokens | self.near_miss_tokens | self.reading_skeletons


def not_a_folded_stopword(word):
    return not arabic.is_folded_stopword(word)


def not_a_stopword(word):
    return not arabic.is_stopword(word)


def query_words(text, searchable):
    """The distinct words of a text that pass `searchable`, each with where it was written."""
    seen = set()
    for written in WRITTEN_WORD.finditer(text):
        new = [
            word
            for word in dict.fromkeys(arabic.search_words(written.group()))
            if searchable(word) and word not in seen
        ]
        seen.update(new)
        yield written, new


class ReaderQuery:
    """A reader's query: cut to a sane length, normalized, stopwords dropped.

    A word that is a stopword once ى/ي and ة/ه are folded («علي» for «على») is
    dropped too, unless the query has nothing else: then it is searched as typed.
    """

    def __init__(self, text):
        text = " ".join((text or "").split())
        self.was_shortened = len(text) > MAX_QUERY_LENGTH
        if self.was_shortened:
            # Cut between words, unless the first one is that long.
            text = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0][:MAX_QUERY_LENGTH]
        searchable = not_a_folded_stopword
        if not any(new for _, new in query_words(text, searchable)):
            searchable = not_a_stopword  # only «علي»: the name
        typed = []
        for written, new in query_words(text, searchable):
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


class ArticleSearch:
    """A reader's query run against published articles.

    Creating it runs the lookups (two queries, whatever the data): which forms
    of the words are indexed and their near misses, then which words find
    little as typed. `page()` then fetches one page
    of ranked results and the total (two more queries).
    """

    def __init__(self, query):
        self.query = query
        # The one definition of what readers may see, for the articles of the
        # page and for the documents' copies of its fields (search.models).
        self.articles = Article.objects.published()
        self.visible = self.visible_documents()
        self.backend = backend()
        self.all_words_are_few = True
        if query.words:
            self.lookup(query.words)

    @staticmethod
    def visible_documents():
        """(SQL, params): the condition on search_searchdocument's columns that
        keeps the documents of articles readers may see."""
        documents = SearchDocument.objects.filter(visible_to_readers())
        compiler = documents.query.get_compiler(connection=reading_connection())
        sql, params = compiler.compile(documents.query.where)
        return sql, list(params)

    def matching_published(self, node, most=None, within=None):
        """SQL selecting id and published_at of the published articles matching node
        (in one field, when `within` names it; among the first `most` matches)."""
        return self.backend.matching_visible(node, self.visible, within, most=most)

    def lookup(self, words):
        """Widen the words that find little as typed; note if all words together do.

        "Little" is fewer than FEW published articles, in the titles or among
        the first LOOKUP_SAMPLE documents that match (`finds_plenty`).
        """
        candidates, indexed = self.backend.word_list(words)
        # A body's token finds something when an indexed form begins with a particle before it.
        found = indexed.union(*(arabic.particle_bodies(term) for term in indexed))
        for word in words:
            word.keep_indexed(indexed, found)
        checks = [AllOf(tuple(Terms(w.form_tokens) for w in words))]
        checks += [Terms(w.form_tokens) for w in words] if len(words) > 1 else []
        sqls = [self.finds_plenty(node) for node in checks]
        # When all the words together find plenty, each of them does: the
        # database only checks the words one by one when they do not.
        (all_words, last), each, params = sqls[0], [], []
        for sql, p in sqls[1:]:
            each.append(f", CASE WHEN checked.all_words THEN 1 = 1 ELSE {sql} END")
            params += p
        params += last  # the checks come in the order the SQL names them
        with reading_connection().cursor() as cursor:
            cursor.execute(
                f"SELECT checked.all_words{''.join(each)}"
                f" FROM (SELECT {all_words} AS all_words) AS checked",
                params,
            )
            found = [bool(value) for value in cursor.fetchone()]
        self.all_words_are_few = not found[0]
        plenty = found[1:] if len(words) > 1 else found
        for word, has_plenty in zip(words, plenty, strict=True):
            if not has_plenty:
                word.widened = True
                for term in candidates.get(word.stem, ()):
                    if word.is_near_miss(term):
                        word.near_misses |= arabic.with_particles({term})
                        word.near_miss_tokens |= arabic.body_tokens({term})

    def finds_plenty(self, node):
        """(SQL, params) true when node finds FEW published articles or more: in
        their titles, or else among the first LOOKUP_SAMPLE documents that match.

        A common word is in the titles of hundreds of articles, and the title
        index is a twentieth of the whole: the whole index (whose scan reads
        every article a word is in, whatever the LIMIT) is only asked about the
        words the titles have not answered for."""
        checks, params = [], []
        for within in ("title", None):
            sql, p = self.matching_published(node, most=LOOKUP_SAMPLE, within=within)
            checks.append(f"(SELECT COUNT(*) FROM ({sql} LIMIT {FEW}) AS sample) >= {FEW}")
            params += p
        return f"({' OR '.join(checks)})", params

    def tree(self):
        """What an article must match, and the points for each way it matches
        (but for how its words are found: `tier_points`)."""
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
            phrase = Phrase(words[0].words, tuple(w.stem for w in words[1:]))
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
        return match, points

    def tier_points(self, match):
        """TIER_POINTS for each way of finding every word, down to the one used: all
        words as typed, all at least in a form of their stem, … Ways that add
        nothing, or that every match has, cost no query."""
        words = self.query.words
        nodes = list(zip(*(w.tiers() for w in words), strict=True))
        points = []
        for tiers in nodes:
            node = AllOf(tuple(Terms(t) for t in tiers)) if len(words) > 1 else Terms(tiers[0])
            if points and points[-1][1] == node:
                points[-1] = (points[-1][0] + TIER_POINTS, node, None)
            else:
                points.append((TIER_POINTS, node, None))
        if len(words) == 1:
            everything, matched_all = Terms(words[0].terms), True
        else:
            everything = AllOf(tuple(Terms(w.terms) for w in words))
            matched_all = match == everything
        if matched_all and not any(w.widened for w in words):
            points = [p for p in points if p[1] != everything]
        return points

    def points_sql(self, points):
        """(SQL, params): the sum of the points of the nodes an article matches."""
        cases, params = [], []
        for n, node, within in points:
            sql, p = self.backend.matching(node, within)
            cases.append(f"CASE WHEN f.id IN ({sql}) THEN {int(n)} ELSE 0 END")
            params += p
        return " + ".join(cases) or "0", params

    def tier_stages(self, tiers, last, spread):
        """(the first tier's column of `scored` and its params, CTEs, the last one's
        name, params): the tier points (`tier_points`) of the articles that may be
        among the first `last` + 1, one tier at a time.

        Tier nodes are cumulative: an article in one is in all those after it,
        and has all their points. Each stage asks its tier's node about the
        articles whose tiers are not known yet (NULL), but only about those that
        can still reach the page with every tier left: when the tiers before
        have placed enough articles above them, the node's index scan never
        runs. So a common word as typed fills the page and its other forms cost
        nothing. For one word, an article known not to match a tier is only
        looked for under the terms the next tier adds.

        Before the first tier no article's tier is known: when the other points
        (at most `spread`) are fewer than the tiers', every article can still
        reach the page, and that tier is asked about every match as it is scored.
        """
        first, ctes, params, stage, before = ("CAST(NULL AS INTEGER)", []), [], [], "scored", None
        for k, (_, node, _) in enumerate(tiers):
            most = sum(n for n, _, _ in tiers[k:])  # the points of this tier and those after
            asked = node
            if isinstance(node, Terms) and isinstance(before, Terms):
                asked = Terms(node.terms - before.terms)
            sql, p = self.backend.matching(asked)
            below = "NULL" if k < len(tiers) - 1 else "0"
            if k == 0 and spread < most:
                first = (f"CASE WHEN f.id IN ({sql}) THEN {int(most)} ELSE {below} END", p)
                before = node
                continue
            tier = f"COALESCE(s.tier, CASE WHEN s.id IN ({sql}) THEN {int(most)} ELSE {below} END)"
            select = f"tier{k} AS (SELECT s.id, s.published_at, s.points, {tier} AS tier"
            ctes.append(self.stage_with_bar(k, stage, select, most))
            params += [last, *p]
            stage, before = f"tier{k}", node
        return first, ctes, stage, params

    @staticmethod
    def stage_with_bar(k, stage, select, most):
        """A tier stage's CTEs: the lowest points that reach the page so far (the
        OFFSET parameter), and the articles that can still reach it: those whose
        points with their tier, or with every tier left when it is not known
        yet, reach that bar. Points only grow as tiers become known, so the
        articles already at the bar stay above those that cannot reach it."""
        return (
            f"bar{k} AS (SELECT s.points + COALESCE(s.tier, 0) AS low FROM {stage} s"
            f" ORDER BY low DESC LIMIT 1 OFFSET %s),"
            f" {select} FROM {stage} s WHERE s.points + COALESCE(s.tier, {int(most)})"
            f" >= COALESCE((SELECT low FROM bar{k}), 0))"
        )

    def page(self, number, per_page):
        """(total, articles) for page `number`; each article has its `search_rank`.

        One query for the total and the page; the page is ranked on ids and
        dates only, and the articles themselves are fetched for it alone. Tier
        points are asked for in stages, only while they can change the page
        (`tier_stages`)."""
        if not self.query.words:
            return 0, []
        match, points = self.tree()
        found, found_params = self.matching_published(match)
        rank, params = self.points_sql(points)
        spread = sum(n for n, _, _ in points)
        tiers = self.tier_points(match)
        (first, first_params), ctes, stage, tier_params = self.tier_stages(
            tiers, number * per_page - 1, spread
        )
        params += first_params + found_params + tier_params + [per_page, (number - 1) * per_page]
        materialized = self.backend.materialized
        sql = (
            f"WITH scored AS {materialized} (SELECT f.id, f.published_at, {rank} AS points,"
            f" {first} AS tier FROM ({found}) f),"
            + "".join(f" {cte}," for cte in ctes)
            + f" ranked AS (SELECT s.id, s.published_at, s.points + COALESCE(s.tier, 0)"
            f" AS search_rank FROM {stage} s"
            f" ORDER BY search_rank DESC, s.published_at DESC, s.id DESC LIMIT %s OFFSET %s)"
            f" SELECT (SELECT COUNT(*) FROM scored), ranked.id, ranked.search_rank"
            f" FROM (SELECT 1) AS one LEFT JOIN ranked ON 1 = 1"
            f" ORDER BY ranked.search_rank DESC, ranked.published_at DESC, ranked.id DESC"
        )
        with reading_connection().cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = rows[0][0]
        ranks = {pk: rank for _, pk, rank in rows if pk is not None}
        articles = self.articles.filter(pk__in=ranks).select_related("category", "lead_image")
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
