"""What search indexes for a word and what a typed word finds, without a database.

One test per rule of issue #16 (safe stems, skeletons, plurals, stopwords); the
query table in test_search_matching.py runs the same rules on both databases.
"""

import pytest

import arabic
from arabic import spelling
from search import plurals


def term(written):
    return arabic.term(arabic.search_words(written)[0])


def family_terms(written):
    """What a typed word finds as typed and in the other forms of its stem."""
    word = arabic.search_words(written)[0]
    return arabic.with_particles({arabic.stem(word)}) | arabic.inflections(word)


def finds(query, document_word):
    return term(document_word) in family_terms(query)


def same_skeleton(query, document_word):
    word = arabic.search_words(document_word)[0]
    return arabic.skeleton(word) in arabic.query_skeletons(arabic.search_words(query)[0])


# --- Safe light stemming -------------------------------------------------------


def test_the_index_keeps_feminine_plural_and_dual_endings():
    assert term("الكعبة") == "كعبة"
    assert term("الصلاة") == "صلاة"
    assert term("وصلات") == "وصلات"
    assert term("الطالبات") == "طالبات"
    assert term("المسلمين") == "مسلمين"


def test_pronouns_come_off_and_leave_a_plural_whole():
    assert term("لاعباتها") == "لاعبات"
    assert term("حكومتها") == "حكومت"
    assert term("منازلهم") == "منازل"
    assert term("بيتهما") == "بيت"
    assert term("وطنهن") == "وطن"
    assert term("حكومتكم") == "حكومت"
    assert term("حكومتنا") == "حكومت"
    assert term("وبلادنا") == "وبلاد"
    assert term("موقفك") == "موقف"
    assert term("موقفه") == "موقف"
    assert term("الصلاه") == "صلاه" and term("بصلاه") == "بصلاه"


def test_short_words_keep_endings_that_look_like_pronouns():
    for word in ("بنك", "حكم", "مهم", "محاكم", "تراكم", "سهم", "وجه", "مياه", "هنا"):
        assert term(word) == arabic.fold_hamza(word), word


DISTINCT_FEMININES = sorted(arabic.stemming.DISTINCT_FEMININES)


def test_the_list_of_distinct_feminines_holds_the_words_news_confuses():
    assert len(DISTINCT_FEMININES) >= 30 and all(w.endswith("ة") for w in DISTINCT_FEMININES)


@pytest.mark.parametrize("feminine", DISTINCT_FEMININES)
def test_a_word_in_ta_marbuta_that_is_another_word_keeps_to_its_own_forms(feminine):
    """«الرياضة» (sport) is not «الرياض» (the city): neither finds the other, and
    each still finds its own plural and dual."""
    masculine = feminine[:-1]
    assert not finds(feminine, masculine) and not finds(masculine, feminine)
    assert not finds(masculine, masculine + "ات")  # the feminine's plural
    assert finds(feminine, masculine + "ات") and finds(feminine, feminine[:-1] + "تين")
    assert finds(masculine, masculine + "ين")


def test_other_words_still_meet_their_feminine():
    for query, document in (("طالب", "طالبة"), ("الطالبات", "طالب"), ("وزير", "الوزيرة")):
        assert finds(query, document), (query, document)


def test_ha_typed_for_ta_marbuta_finds_the_feminine_word():
    """«مدرسه» is read as «مدرس» + ه and as «مدرسة» written with ه."""
    assert finds("مدرسه", "مدرستها") and finds("مدرسه", "المدرسات")
    assert finds("مدرسه", "المدرس")


def test_a_short_word_is_asked_for_with_the_endings_the_index_keeps_on_it():
    """«بيته» and «كتابك» keep their pronoun in the index: «بيت» and «كتاب» ask for them."""
    for query, documents in (
        ("بيت", ("بيته", "بيتك", "بيتنا", "بيتكم", "ببيته", "وبيتك")),
        ("أرض", ("أرضه", "وأرضنا")),
        ("كتاب", ("كتابه", "كتابكما", "كتابنا")),
        ("مال", ("ماله", "مالنا")),
    ):
        for document in documents:
            assert term(document) == arabic.fold_hamza(document)  # indexed whole
            assert finds(query, document), (query, document)
    # A word of its own, and a two-letter word's «ه»: not an ending.
    for query, document in (("مال", "مالك"), ("بنو", "بنوك"), ("شب", "شبه"), ("دم", "دمه")):
        assert not finds(query, document), (query, document)


def test_whole_words_keep_their_endings():
    for word in ("مستهلك", "مشترك", "اشتباك", "كورونا", "تفاهم", "نيويورك", "ونيويورك"):
        assert term(word) == arabic.fold_hamza(word), word


def test_accusative_alef_comes_off_only_with_its_tanween():
    assert term("إيمانًا") == "ايمان"
    assert term("دولاراً") == "دولار"
    assert term("سوريا") == "سوريا"
    assert term("هدىً") == "هدى"


def test_a_word_meets_its_plural_feminine_and_pronoun_forms():
    assert finds("حكومة", "حكومتها") and finds("حكومة", "الحكومات")
    assert finds("الحكومات", "الحكومة")
    assert finds("مسلمون", "والمسلمين") and finds("مسلم", "المسلمون")
    assert finds("طالبات", "لطالباتها") and finds("طالبة", "الطالبات")
    assert finds("مستشفى", "مستشفياتها") and finds("مستشفي", "المستشفى")
    assert finds("بلدية", "البلدي") and finds("سورية", "السوري")
    assert finds("قافله", "القافلة") and finds("الصلاه", "الصلاة")
    assert finds("لجنة", "اللجنتان") and finds("وزير", "الوزيران")
    assert finds("غزة", "بغزة") and finds("داعش", "لداعش")


def test_a_short_word_does_not_meet_a_longer_one():
    assert not finds("الصلاة", "وصل") and not finds("الصلاة", "بصلا")
    assert not finds("الصلاه", "بصلا") and not finds("صلاة", "وصلات")
    assert not finds("الكعبة", "كعب") and not finds("كعب", "الكعبة")
    assert not finds("عمر", "عمرة") and not finds("عمرة", "عمر")
    assert not finds("كالجنة", "لجنة") and not finds("الجنة", "لجنة")
    assert not finds("طاقة", "بطاقة") and not finds("قمة", "لقمة")


def test_names_keep_their_an():
    assert not finds("طالبان", "طالب") and not finds("طالب", "طالبان")
    assert not finds("سليمان", "سليم") and not finds("سليم", "سليمان")
    assert not finds("باكستان", "باكست") and not finds("خراسان", "خراس")
    assert finds("خراسان", "وخراسان") and finds("باكستان", "لباكستان")
    assert not finds("ثلاثين", "ثلاثة")


# --- Stopwords ------------------------------------------------------------------------


def test_stopwords_as_written_and_folded():
    assert arabic.is_stopword("على") and arabic.is_stopword("وفي") and arabic.is_stopword("إلى")
    assert not arabic.is_stopword("علي") and arabic.is_folded_stopword("علي")
    assert arabic.is_folded_stopword("الي") and not arabic.is_stopword("وزير")
    assert not arabic.is_folded_stopword("وزير")


# --- Readings of a leading particle ----------------------------------------------


def test_readings_of_a_particle():
    assert "غزة" in arabic.readings("بغزة")
    assert "داعش" in arabic.readings("لداعش")
    assert arabic.readings("كابل") == set()  # not ك + «إبل»
    assert "جنة" not in arabic.readings("لجنة")
    assert "مال" not in arabic.readings("كمال")


# --- The spelling skeleton ---------------------------------------------------------

VARIANTS = [
    ("شئون", "شؤون"),
    ("مسئول", "مسؤول"),
    ("كابل", "كابول"),
    ("كابول", "كابل"),
    ("خرسان", "خراسان"),
    ("خراسن", "خراسان"),
    ("واشنطون", "واشنطن"),
    ("اسطمبول", "إسطنبول"),
    ("استانبول", "إسطنبول"),
    ("موريطانيا", "موريتانيا"),
    ("سورية", "سوريا"),
    ("باكستان", "الباكستان"),
    ("بكابول", "بكابل"),
    ("مدرسه", "المدرسة"),
]
DIFFERENT = [
    ("علم", "عالم"),
    ("عالم", "علوم"),
    ("كتاب", "كاتب"),
    ("مصر", "مصرف"),
    ("مصرف", "مسرف"),
    ("الكعبة", "كعب"),
    ("سلام", "إسلامي"),
]


@pytest.mark.parametrize("query, document", VARIANTS)
def test_variant_spellings_share_a_skeleton(query, document):
    assert same_skeleton(query, document)


@pytest.mark.parametrize("query, document", DIFFERENT)
def test_different_words_do_not(query, document):
    assert not same_skeleton(query, document)


def test_short_and_foreign_words_have_no_skeleton():
    for word in ("علم", "covid", "2024"):
        assert arabic.skeleton(word) == "", word


def test_skeleton_tokens_never_look_like_terms_or_pairs():
    for word in ("كابل", "واشنطن", "شؤون"):
        token = arabic.skeleton(word)
        assert token.startswith(spelling.SKELETON_MARK)
        assert not token.startswith(plurals.FAMILY_MARK)


# --- Broken plurals ---------------------------------------------------------------------


def table():
    for line in plurals.TABLE.read_text(encoding="utf-8").splitlines():
        words = line.split("#")[0].split()
        if len(words) >= 2:
            yield words[0], words[1:]


def test_the_table_holds_a_few_hundred_nouns():
    assert len(list(table())) >= 300


@pytest.mark.parametrize("singular, found", list(table()), ids=lambda v: str(v))
def test_every_plural_meets_its_singular(singular, found):
    token = plurals.family(arabic.term(singular))
    assert token
    for plural in found:
        assert plurals.family(arabic.term(plural)) == token, plural
        assert plurals.family(arabic.term("و" + plural)) == token, plural
        assert plurals.family(arabic.term("ال" + plural)) == token, plural


def test_a_word_is_in_one_family_only():
    seen = {}
    for singular, found in table():
        for word in (singular, *found):
            key = arabic.term(word)
            assert key not in seen or seen[key] == singular, (word, seen.get(key), singular)
            seen[key] = singular


def test_family_with_pronoun_and_particle():
    assert plurals.family(arabic.term("مدرستها")) == plurals.family(arabic.term("مدارس"))
    assert plurals.family(arabic.term("ولأطفالهم")) == plurals.family(arabic.term("طفل"))
    assert plurals.family(arabic.term("لحق")) == ""  # «لحق» is not ل + «حق»


def corpus_terms():
    """The terms of every word in the query table's corpus."""
    import json
    from pathlib import Path

    table = json.loads((Path(__file__).parent / "data" / "search_table.json").read_text("utf-8"))
    text = " ".join(f"{d['title']} {d['standfirst']} {d['body']}" for d in table["corpus"].values())
    return {arabic.term(w) for w in arabic.search_words(text) if not arabic.is_stopword(w)}


TYPED = ["مدرسة", "غزة", "بغزة", "كابل", "لجنة", "جنة", "وزير", "ابل", "الحكومة", "حكومتها",
         "طالبات", "بالجامعة", "ولد", "لد", "كتاب", "تاب", "سوريا", "القدس", "والقدس"]  # fmt: skip


@pytest.mark.parametrize("typed", TYPED)
def test_body_tokens_find_exactly_the_terms_with_particles(typed):
    """The index's particle tokens (arabic.particle_bodies) and the query's
    (arabic.body_tokens) find a term exactly when with_particles() names it: for
    the word as typed and for its inflections, against every term of the table's
    corpus and the particle forms of the word's own bodies."""
    word = arabic.search_words(typed)[0]
    for bodies in ({arabic.stem(word)}, arabic.inflection_bodies(word)):
        named = arabic.with_particles(bodies)
        asked = arabic.body_tokens(bodies)
        for found in corpus_terms() | named | {p + b for b in bodies for p in "وفبلك"}:
            tokens = {found} | arabic.particle_bodies(found)
            assert bool(tokens & asked) == (found in named), (typed, found)


def test_a_term_is_indexed_under_the_body_after_each_particle():
    assert arabic.particle_bodies("وبمدرسة") == {"ـــبمدرسة", "ـــمدرسة"}
    assert arabic.particle_bodies("مدرسة") == frozenset()
    assert arabic.particle_bodies("لجنة") == frozenset()  # «ل» + «جنة» is not how it is read
    assert "ـــابل" not in arabic.particle_bodies("كابل")
