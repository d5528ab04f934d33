"""The search page: the header box, results, messages, marks, paging, and the index kept current."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search.documents import plain_text
from search.highlight import Highlighter
from search.models import SearchDocument
from search.query import ReaderQuery

SEARCH = reverse("search:search")


def search(client, query, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_every_page_has_the_search_box(client, published):
    for url in ["/", published.get_absolute_url(), published.category.get_absolute_url(), SEARCH]:
        html = client.get(url).content.decode()
        assert '<form class="search-form" role="search" action="/search/" method="get">' in html
        assert '<label class="visually-hidden" for="site-search">ابحث في المقالات</label>' in html
        assert 'id="site-search" type="search" name="q"' in html


@pytest.mark.django_db
def test_results_are_kept_out_of_search_engines_but_the_search_page_is_not(client, published):
    results = search(client, "المدينة")
    assert '<meta name="robots" content="noindex">' in results
    page = client.get(SEARCH).content.decode()
    assert 'name="robots"' not in page and '<meta name="description"' in page


@pytest.mark.django_db
def test_results_show_count_section_date_standfirst_and_marks(client, make_article):
    article = make_article(
        "قافلة مساعدات تصل إلى غَزَّةَ",
        standfirst="عبرت الشاحنات المعبر صباحا.",
        body="<p>وقال مسؤول إن التوزيع بدأ.</p><p>واصطفت العائلات أمام المخابز بغزة منذ الفجر.</p>",
    )
    html = search(client, "غزة")
    assert "نتيجة واحدة لـ «غزة»" in html
    assert "<mark>غَزَّةَ</mark>" in html  # marked as written, diacritics and all
    assert "عبرت الشاحنات المعبر صباحا." in html
    assert "<mark>بغزة</mark> منذ الفجر" in html  # the body around the match
    assert f'href="{article.get_absolute_url()}"' in html
    assert f'href="{article.category.get_absolute_url()}">{article.category.name}</a>' in html
    assert '<time datetime="' in html
    assert search(client, "غزه").count("<mark>") == 2  # typed with ه


@pytest.mark.django_db
def test_counts_in_arabic_plural_forms(client, make_article):
    for i in range(3):
        make_article(f"زيارة وفد رسمي رقم {i}")
    assert "3 نتائج لـ «زيارة»" in search(client, "زيارة")
    make_article("زيارة أخرى")
    make_article("زيارة ثالثة")
    assert "5 نتائج لـ «زيارة»" in search(client, "زيارة")


@pytest.mark.django_db
def test_drafts_and_scheduled_articles_are_never_found_or_counted(client, make_article):
    make_article("زلزال يضرب الساحل")
    make_article("زلزال ثان في مسودة", status=Article.Status.DRAFT)
    make_article("زلزال مجدول", published_at=timezone.now() + timedelta(hours=2))
    html = search(client, "زلزال")
    assert "نتيجة واحدة لـ «زلزال»" in html
    assert "مسودة" not in html and "مجدول" not in html


@pytest.mark.django_db
def test_article_text_and_query_are_escaped(client, make_article):
    make_article(
        '<script>alert("x")</script> غزة & <b>عاجل</b>',
        standfirst="<img src=x onerror=alert(1)> في غزة",
        body="<p>وصلت الشاحنات إلى غزة &lt;script&gt;</p>",
    )
    html = search(client, '"><i>غزة</i>')
    assert "<script>" not in html and "<img src=x" not in html and "<b>عاجل" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>غزة</mark> &amp;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; في <mark>غزة</mark>" in html
    assert "«&quot;&gt;&lt;i&gt;غزة&lt;/i&gt;»" in html  # the query, in the count
    assert "<i>" not in html


def test_marks_keep_the_text_as_written():
    marks = Highlighter(ReaderQuery("المجلس البلدي").terms)
    assert (
        marks.mark("اجتمع الْمَجْلِسُ البَلَدِيُّ أمس") == "اجتمع <mark>الْمَجْلِسُ</mark> <mark>البَلَدِيُّ</mark> أمس"
    )
    body = "<p>" + " ".join(["كلمة"] * 40) + " المجلس " + " ".join(["نص"] * 40) + "</p>"
    snippet = marks.snippet(body)
    assert snippet.startswith("… ") and snippet.endswith(" …") and "<mark>المجلس</mark>" in snippet
    assert marks.snippet("<p>لا شيء هنا</p>") == ""


@pytest.mark.parametrize(
    "words_before, words_after, shown",
    [
        (40, 40, ("… ", 14, 14, " …")),
        (14, 14, ("", 14, 14, "")),  # the whole text: nothing left out either side
        (15, 15, ("… ", 14, 14, " …")),
        (0, 3, ("", 0, 3, "")),
        (3, 0, ("", 3, 0, "")),
    ],
)
def test_a_snippet_is_fourteen_words_either_side_of_the_first_match(
    words_before, words_after, shown
):
    marks = Highlighter(ReaderQuery("المجلس").terms)
    text = " ".join(["قبل"] * words_before + ["المجلس"] + ["بعد"] * words_after)
    lead, before, after, tail = shown
    middle = " ".join(["قبل"] * before + ["<mark>المجلس</mark>"] + ["بعد"] * after)
    assert marks.snippet(f"<p>{text}</p>") == f"{lead}{middle}{tail}"


def test_plain_text_of_a_body():
    body = "<p>أولا</p><p>ثانيا&nbsp;&amp; [[figure:2]] ثالثا</p>"
    assert plain_text(body).split() == ["أولا", "ثانيا", "&", "ثالثا"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        ("", "اكتب كلمة أو أكثر في مربع البحث"),
        ("   ", "اكتب كلمة أو أكثر في مربع البحث"),
        ("؟!... ،؛ «»", "ليس في بحثك كلمات نبحث عنها"),
        ("\u064e\u064f \u0651\u0652 ـــ", "ليس في بحثك كلمات نبحث عنها"),
        ("في من على", "ليس في بحثك كلمات نبحث عنها"),
        ("كلمةلاوجودلها", "لا توجد مقالات منشورة تطابق «كلمةلاوجودلها»"),
    ],
)
def test_queries_without_results_get_a_clear_arabic_message(client, published, query, message):
    html = search(client, query)
    assert message in html
    assert "<mark>" not in html and 'class="search-result' not in html


@pytest.mark.django_db
def test_a_very_long_query_is_cut_and_still_searched(client, make_article):
    make_article("مهرجان الشعر في المدينة القديمة")
    html = search(client, "مهرجان " + "كلمة " * 2000)
    assert "كان بحثك طويلا فاستعملنا بدايته" in html
    assert "<mark>مهرجان</mark>" in html
    assert ("كلمة " * 100) not in html
    cut = ReaderQuery("مهرجان " + "كلمة " * 100)
    assert cut.was_shortened and cut.text.endswith(" كلمة") and len(cut.text) <= 200
    assert len(ReaderQuery("ب" * 500).text) == 200
    many = ReaderQuery("واحد في اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة")
    assert many.was_shortened and many.text == "واحد في اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية"
    assert len(many.words) == 8


@pytest.mark.django_db
def test_pages_keep_the_query(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    for i in range(5):
        make_article(f"معرض الكتاب الدولي {i}")
    first = search(client, "معرض")
    assert "5 نتائج" in first and "الصفحة 1 من 3" in first
    assert f'href="?q={quote("معرض")}&amp;page=2"' in first
    last = search(client, "معرض", page=3)
    assert "الصفحة 3 من 3" in last and f'href="?q={quote("معرض")}&amp;page=2"' in last
    for page in ("9", "0", "-1", "abc", "1" + "0" * 30):
        assert client.get(SEARCH, {"q": "معرض", "page": page}).status_code == 404


def count_queries(client, query):
    cache.clear()  # cold, like tests/conftest.py's count_queries (breaking news is cached)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SEARCH, {"q": query}).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["معرض", "معرض الكتاب", "معرضالكتاب"])
def test_query_count_is_constant(client, make_article, query, django_assert_max_num_queries):
    make_article("معرض الكتاب يفتح أبوابه")
    few = count_queries(client, query)
    for i in range(40):
        make_article(f"معرض الكتاب في دورته {i}", body="<p>زار المعرض آلاف القراء.</p>")
    with django_assert_max_num_queries(6):  # 5, and the breaking news while the cache is cold
        many = count_queries(client, query)
    assert few == many


@pytest.mark.django_db
def test_the_index_follows_saves_and_deletes(client, make_article):
    article = make_article("افتتاح متحف الفنون")
    assert "نتيجة واحدة" in search(client, "متحف")
    article.title = "افتتاح مكتبة الفنون"
    article.save()
    assert "لا توجد مقالات" in search(client, "متحف")
    assert "نتيجة واحدة" in search(client, "مكتبة")
    article.body = "<p>وتضم المكتبة <b>مخطوطات</b> نادرة.</p>"
    article.save()
    assert "نتيجة واحدة" in search(client, "مخطوطات")
    article.status = Article.Status.DRAFT
    article.save()
    assert "لا توجد مقالات" in search(client, "مكتبة")
    article.delete()
    assert not SearchDocument.objects.exists()
    assert "لا توجد مقالات" in search(client, "مخطوطات")


@pytest.mark.django_db
def test_rebuild_command_catches_up_with_bulk_updates(client, make_article, capsys):
    article = make_article("سباق الدراجات في الجبال")
    Article.objects.filter(pk=article.pk).update(title="سباق القوارب في النهر")
    assert "لا توجد مقالات" in search(client, "القوارب")  # update() bypasses save()
    call_command("rebuild_search_index")
    assert "Rebuilt the search index of 1 articles." in capsys.readouterr().out
    assert "نتيجة واحدة" in search(client, "القوارب")
    assert "لا توجد مقالات" in search(client, "الدراجات")


@pytest.mark.django_db
def test_migrations_build_this_databases_index():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tablename, indexdef FROM pg_indexes"
                " WHERE tablename IN ('search_searchdocument', 'search_searchterm')"
            )
            indexes = " ".join(f"{table}: {definition}" for table, definition in cursor.fetchall())
            assert indexes.count("search_searchdocument USING gin") == 3
            assert "search_searchterm USING gin (term gin_trgm_ops)" in indexes
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            tables = dict(cursor.fetchall())
            assert "fts5" in tables["search_fts"]
            assert "trigram" in tables["search_searchterm_trigrams"]
