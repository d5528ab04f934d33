"""The desk's search boxes fold Arabic spelling: hamza seats, ة/ه, ى/ي, tashkeel, tatweel."""

import pytest
from django.contrib import admin

from arabic.lookups import fold
from articles.models import Article
from comments.models import Comment

from .factories import library_image

pytestmark = pytest.mark.django_db


def test_the_lookup_matches_spellings_on_this_database(make_article):
    make_article(title="إسرائيل تعلن هدنة في غزة")
    make_article(title="مدرسةٌ جديدة في الحيّ")
    make_article(title="مستشفى المدينة يفتح قسمًا للأطفال")
    make_article(title="الطريق الى المطار")

    def found(typed):
        return sorted(Article.objects.filter(title__folded=typed).values_list("title", flat=True))

    assert found("اسرائيل") == ["إسرائيل تعلن هدنة في غزة"]
    assert found("مدرسه جديده") == ["مدرسةٌ جديدة في الحيّ"]  # ة/ه, and the tanween ignored
    assert found("مستشفي") == ["مستشفى المدينة يفتح قسمًا للأطفال"]  # ى/ي
    assert found("الحي") == ["مدرسةٌ جديدة في الحيّ"]  # the shadda ignored
    assert found("إلى المطار") == ["الطريق الى المطار"]  # both ways round
    assert found("100%") == [] and found("_") == []  # LIKE's wildcards are only letters here


def test_every_text_search_field_of_the_desk_is_folded():
    fields = admin.site.get_model_admin(Article).search_fields
    assert list(fields) == ["title__folded"]
    comment_fields = admin.site.get_model_admin(Comment).search_fields
    assert "article__title__folded" in comment_fields and "body__folded" in comment_fields


def test_the_article_list_finds_a_title_however_it_is_spelled(admin_client, make_article):
    wanted = make_article(title="أمطار غزيرة على الساحل")
    make_article(title="معرض الكتاب يفتح أبوابه")
    page = admin_client.get("/admin/articles/article/", {"q": "امطار"}).content.decode()
    assert "أمطار غزيرة على الساحل" in page and "معرض الكتاب" not in page
    assert wanted.title in page


def test_the_picker_finds_a_caption_however_it_is_spelled(admin_client):
    photo = library_image("ميناء", caption="قوارب الصيد عند الفجر في الإسكندرية")
    library_image("سوق", caption="سوق الخضار")
    answer = admin_client.get("/admin/images/image/library/", {"q": "الاسكندريه"}).json()
    assert [card["id"] for card in answer["images"]] == [photo.pk]


def test_what_is_typed_is_folded_as_the_column_is():
    assert fold("أإآؤئ ىة ـــ مَدْرَسَةٌ ABC") == "ااا" + "وي يه  مدرسه abc"
