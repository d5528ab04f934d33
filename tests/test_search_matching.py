"""What a query finds, and in what order: one table, run on SQLite and on PostgreSQL.

The table is data (tests/data/search_table.json): a corpus, and for each query
the documents it must find, must not find, the order of some of them, and the
whole ranking (`ranked`), which both databases must give. Each case names the
rule of issue #16 it proves (`bullet`).

    DEBUG=1 DEMO=1 .venv/bin/python -m pytest tests/test_search_matching.py --write-ranked

rewrites `ranked` from the current results (check the diff before committing).
"""

import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Category
from search.models import SearchTerm
from search.query import ArticleSearch, ReaderQuery

TABLE_PATH = Path(__file__).resolve().parent / "data" / "search_table.json"
TABLE = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
BULLETS = ("stems", "skeleton", "endings", "plurals", "stopwords", "ranking")
HIDDEN = {
    # A draft and a scheduled article: never found, never counted.
    "draft": ("مسودة عن زلزال مدمر", "لم تنشر بعد.", "<p>نص المسودة.</p>", Article.Status.DRAFT),
    "scheduled": ("بركان يثور في الجزيرة", "ينشر غدا.", "<p>نص مجدول.</p>", "future"),
}


@dataclass
class Case:
    query: str
    bullet: str
    finds: list = field(default_factory=list)
    not_finds: list = field(default_factory=list)
    order: list = field(default_factory=list)  # must come in this order (others may come between)
    only: bool = False  # finds exactly `finds` (and `order`)
    ranked: list | None = None  # the whole ranking, the same on both databases

    def __str__(self):
        return f"{self.bullet}: {self.query}"


CASES = [Case(**case) for case in TABLE["cases"]]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The articles above, created once for the module (searching does not change them)."""
    with django_db_blocker.unblock():
        section = Category.objects.create(name="منوعات", slug="منوعات-بحث")
        now = timezone.now()
        keys = {}
        for key, doc in TABLE["corpus"].items():
            article = Article.objects.create(
                title=doc["title"],
                standfirst=doc["standfirst"],
                body=doc["body"],
                category=section,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=doc["days_ago"]),
            )
            keys[article.pk] = key
        for key, (title, standfirst, body, when) in HIDDEN.items():
            article = Article.objects.create(
                title=title,
                standfirst=standfirst,
                body=body,
                category=section,
                status=Article.Status.DRAFT if when == Article.Status.DRAFT else "published",
                published_at=now + timedelta(days=1) if when == "future" else None,
            )
            keys[article.pk] = key
        yield keys
        Article.objects.filter(category=section).delete()
        section.delete()
        SearchTerm.objects.all().delete()


def found(query, keys):
    total, articles = ArticleSearch(ReaderQuery(query)).page(1, 50)
    assert total == len(articles)
    return [keys[a.pk] for a in articles]


def test_the_table_covers_every_rule():
    assert len(CASES) >= 150
    assert len({(c.bullet, c.query) for c in CASES}) == len(CASES)
    for bullet in BULLETS:
        cases = [c for c in CASES if c.bullet == bullet]
        assert len(cases) >= 8, bullet
        if bullet == "ranking":
            assert all(len(c.order) >= 2 for c in cases)
        else:
            assert sum(1 for c in cases if c.not_finds or c.only) >= 5, bullet
    keys = set(TABLE["corpus"]) | set(HIDDEN)
    for case in CASES:
        assert set(case.finds + case.not_finds + case.order) <= keys, case


@pytest.fixture(scope="module")
def rankings(request):
    """Rankings seen in this run; written back to the table with --write-ranked."""
    seen = {}
    yield seen
    if request.config.getoption("--write-ranked") and seen:
        for case in TABLE["cases"]:
            case["ranked"] = seen.get((case["bullet"], case["query"]), case.get("ranked"))
        lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in TABLE["cases"])
        corpus = json.dumps(TABLE["corpus"], ensure_ascii=False, indent=1)
        TABLE_PATH.write_text(
            f'{{\n "about": {json.dumps(TABLE["about"], ensure_ascii=False)},\n'
            f' "corpus": {corpus},\n "cases": [\n{lines}\n ]\n}}\n',
            encoding="utf-8",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_search_finds(case, corpus, rankings, request):
    results = found(case.query, corpus)
    rankings[(case.bullet, case.query)] = results
    for key in case.finds + case.order:
        assert key in results, f"{case.query!r} should find {key}: {results}"
    for key in case.not_finds + list(HIDDEN):
        assert key not in results, f"{case.query!r} should not find {key}: {results}"
    if case.only:
        assert set(results) == set(case.finds + case.order), f"{case.query!r}: {results}"
    positions = [results.index(key) for key in case.order]
    assert positions == sorted(positions), f"{case.query!r}: {results}"
    if case.ranked is not None and not request.config.getoption("--write-ranked"):
        assert results == case.ranked, f"{case.query!r}: ranked differently"


@pytest.mark.django_db
@pytest.mark.parametrize("case", [c for c in CASES if c.ranked and len(c.ranked) >= 3], ids=str)
def test_a_short_page_is_its_part_of_the_ranking(case, corpus):
    """Pages of two are ranked like the whole list: the tiers asked for only
    while they can change the page (ArticleSearch.tier_stages) never change it."""
    for number in (1, 2):
        total, articles = ArticleSearch(ReaderQuery(case.query)).page(number, 2)
        assert total == len(case.ranked)
        assert [corpus[a.pk] for a in articles] == case.ranked[2 * number - 2 : 2 * number]


@pytest.mark.django_db
def test_the_word_that_finds_little_is_the_one_widened(corpus):
    """Each word is checked on its own terms, whatever its place in the query."""
    for text, widened in (("الدولار خرسان", [False, True]), ("خرسان الدولار", [True, False])):
        words = ArticleSearch(ReaderQuery(text)).query.words
        assert [w.widened for w in words] == widened, text


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def explained_page(query, per_page):
    """(total, articles, EXPLAIN ANALYZE's plan of the statement that ranked page 1)."""
    search, statements = ArticleSearch(ReaderQuery(query)), []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        total, articles = search.page(1, per_page)
    sql, params = statements[0]  # the page; then the articles on it
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        return total, articles, cursor.fetchone()[0][0]["Plan"]


@pytest.mark.django_db
def test_a_page_filled_by_the_first_tier_asks_the_index_no_more(corpus):
    """«المدرسة» as typed fills a page of one: the scans for its other forms,
    its plural family and its skeleton never run (ArticleSearch.tier_stages)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's EXPLAIN ANALYZE tells which index scans ran")
    total, articles, plan = explained_page("المدرسة", 1)
    assert total > 1 and [corpus[a.pk] for a in articles] == ["council"]
    scans = [n for n in plan_nodes(plan) if n["Node Type"] == "Function Scan"]
    ran = [n for n in scans if n["Actual Loops"]]
    # The matches, their title and standfirst points, and the word as typed.
    assert len(ran) == 4 and len(scans) > len(ran)


@pytest.mark.django_db
def test_what_readers_may_not_see_is_left_out_without_reading_the_articles(corpus):
    """The lookups and the ranked page filter matches on the documents' copies of
    status and publication time: no plan but the last statement's (the page's
    articles) reads the articles table, and the draft and the scheduled article
    stay out of the count."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's EXPLAIN names the tables each statement reads")
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        total, articles = ArticleSearch(ReaderQuery("زلزال")).page(1, 50)
    assert total == len(articles) and "draft" not in {corpus[a.pk] for a in articles}
    for sql, params in statements[:-1]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        tables = {n.get("Relation Name") for n in plan_nodes(plan[0]["Plan"])}
        assert "articles_article" not in tables, sql


@pytest.mark.django_db
@pytest.mark.parametrize("query, sorts_first", [("المدرسة", False), ("مجلس المدينة", True)])
def test_the_first_tier_is_sorted_for_only_when_it_can_leave_articles_out(
    corpus, query, sorts_first
):
    """One word's title and standfirst points (13 at most) never outweigh a tier
    (100): every match is asked about its first tier, with no sort to decide
    which. Two words' phrase points can."""
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        ArticleSearch(ReaderQuery(query)).page(1, 1)
    assert ("bar0 AS" in statements[-2]) is sorts_first


@pytest.mark.django_db
def test_a_tier_stage_carries_only_the_articles_that_can_still_reach_the_page(corpus):
    """Points only grow as tiers become known: an article whose points with its
    known tier stay below the page's bar is dropped by the next stage. «دولة»
    as typed is in all three of its matches, and a page of one is ranked among
    one article, not three."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's EXPLAIN ANALYZE counts the rows each stage passes on")
    total, articles, plan = explained_page("دولة", 1)
    ranked_from = [  # the last stage's articles, as the page's ranking reads them
        n for n in plan_nodes(plan) if n.get("CTE Name", "").startswith("tier") and "Filter" in n
    ]
    assert total == 3 and len(articles) == 1
    assert [n["Actual Rows"] for n in ranked_from] == [1]
