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
        ("المسلمين", "مسلم"),
        ("والمسلمون", "مسلم"),
        ("بالجامعة", "جامع"),
        ("للطلاب", "طلاب"),
        ("الحكومات", "حكوم"),
        ("لاعباتها", "لاعب"),
        ("جماهيرهم", "جماهير"),
        ("الفريقان", "فريق"),
        # Too short to lose a prefix or an ending.
        ("غزة", "غزه"),
        ("لبنان", "لبنان"),
        ("البحرين", "بحرين"),
        # A single-letter particle stays: «لجنة» is not ل + «جنة».
        ("لجنة", "لجن"),
        ("لداعش", "لداعش"),
    ],
)
def test_stem(word, expected):
    assert arabic.stem(arabic.normalize(word)) == expected


def test_stems_leave_out_stopwords():
    assert arabic.stems("وقال إن الوفد في القاهرة وفي عمان") == ["وقال", "وفد", "قاهر", "عمان"]


def test_forms_are_the_stems_a_word_takes_with_its_particles():
    forms = arabic.forms(arabic.normalize("غزة"))
    for written in ("غزة", "بغزة", "وبغزة", "لغزة", "فغزة"):
        assert arabic.stem(arabic.normalize(written)) in forms, written
    assert arabic.stem("داعش") in arabic.forms("لداعش")
    assert arabic.stem(arabic.normalize("لداعش")) in arabic.forms("داعش")
    # A feminine noun takes ت before a pronoun, and back.
    assert arabic.stem(arabic.normalize("حكومتها")) in arabic.forms(arabic.normalize("الحكومة"))
    assert arabic.stem(arabic.normalize("الحكومة")) in arabic.forms(arabic.normalize("حكومتها"))


def test_readings_take_a_leading_particle_off():
    assert arabic.stem(arabic.normalize("غزة")) in arabic.readings(arabic.normalize("بغزة"))
    assert arabic.readings(arabic.normalize("غزة")) == set()


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
