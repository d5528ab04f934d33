"""The shared Arabic rules: normalization, words, light stemming, spelling distance."""

import pytest

import arabic


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الْمَجْلِسُ", "المجلس"),  # tashkeel
        ("مـــجلس", "مجلس"),  # tatweel
        ("أإآٱ", "اااا"),  # alef forms
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("٢٠٢٤ ۱۵", "2024 15"),  # Arabic-Indic and Persian digits
        ("COVID Straße", "covid strasse"),  # Latin case-folded
        ("غ\u200cز\u200bة\u200f", "غزه"),  # zero-width and direction marks
        ("ﻻ", "لا"),  # presentation forms
    ],
)
def test_normalize(text, expected):
    assert arabic.normalize(text) == expected


def test_words_split_on_punctuation_and_underscore():
    assert arabic.words("«غزة»، بيروت—دمشق! a_b") == ["غزه", "بيروت", "دمشق", "a", "b"]


@pytest.mark.parametrize(
    "word, expected",
    [
        # The article and a pronoun come off; hamza seats fold; ة, ى and the
        # plural, dual and feminine endings stay (a query asks for the family).
        ("المسلمين", "مسلمين"),
        ("والمسلمون", "مسلمون"),
        ("بالجامعة", "جامعة"),
        ("للطلاب", "طلاب"),
        ("الحكومات", "حكومات"),
        ("لاعباتها", "لاعبات"),
        ("جماهيرهم", "جماهير"),
        ("الفريقان", "فريقان"),
        ("المؤتمر", "موتمر"),
        ("المستشفى", "مستشفى"),
        ("غزة", "غزة"),
        ("لبنان", "لبنان"),
        ("البحرين", "بحرين"),
        # A single-letter particle stays: «لجنة» is not ل + «جنة».
        ("لجنة", "لجنة"),
        ("لداعش", "لداعش"),
    ],
)
def test_term(word, expected):
    assert arabic.term(word) == expected


def test_stems_leave_out_stopwords():
    assert arabic.stems("وقال إن الوفد في القاهرة وفي عمان") == ["وقال", "وفد", "قاهرة", "عمان"]


def test_the_family_holds_the_forms_a_word_takes_with_its_particles():
    family = arabic.inflections("غزة")
    for written in ("غزة", "بغزة", "وبغزة", "لغزة", "فغزة"):
        assert arabic.term(written) in family, written
    assert arabic.term("داعش") in arabic.readings("لداعش")
    assert arabic.term("لداعش") in arabic.inflections("داعش")
    # A feminine noun takes ت before a pronoun, and back.
    assert arabic.term("حكومتها") in arabic.inflections("الحكومة")
    assert arabic.term("الحكومة") in arabic.inflections("حكومتها")


def test_readings_take_a_leading_particle_off():
    assert arabic.term("غزة") in arabic.readings("بغزة")
    assert arabic.readings("غزة") == set()


def test_stopwords_with_attached_particles():
    assert arabic.is_stopword("وفي") and arabic.is_stopword("فقد")
    assert not arabic.is_stopword("وزير")


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("واشنطون", "واشنطن", 1),  # a long vowel
        ("موريطانيا", "موريتانيا", 1),  # emphatic or plain
        ("اسطمبول", "اسطنبول", 1),  # ن or م before ب
        ("سوريه", "سوريا", 1),  # ة or ا at the end
        ("مصرف", "مصر", 2),  # any other letter
        ("مدرس", "مدرب", 2),
        ("مستشفي", "مستشار", 4),
    ],
)
def test_spelling_distance(a, b, distance):
    assert arabic.spelling_distance(a, b) == distance
    assert arabic.spelling_distance(b, a) == distance
