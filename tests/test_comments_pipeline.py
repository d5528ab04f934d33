"""The comment pipeline, step by step (comments/pipeline.py): each rule, and its order."""

import pytest
from django.test import Client

from comments.commenters import commenter_key, normalized_email
from comments.models import BlockedWord, Comment

from .commenting import post_comment


def refused(response, status, message):
    assert response.status_code == status, response.status_code
    html = response.content.decode()
    assert message in html, html[html.find('id="comment-errors"') :][:600]
    return html


@pytest.fixture(autouse=True)
def no_flood_limits(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    settings.COMMENTS_HOURLY_LIMIT_PER_IP = 0


# --- 1. length limits, 2. comments closed -----------------------------------


@pytest.mark.django_db
def test_step_1_length_limits(client, published):
    refused(post_comment(client, published, body="ب" * 5001), 400, "التعليق طويل جدًا")
    refused(post_comment(client, published, name="ن" * 101), 400, "الاسم طويل جدًا")
    assert post_comment(client, published, body="ب" * 5000).status_code == 303
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_step_2_comments_closed(client, published):
    published.comments_open = False
    published.save()
    refused(post_comment(client, published), 403, "التعليقات مغلقة على هذا المقال")
    assert not Comment.objects.exists()


# --- 3. duplicates: per commenter and article, never across readers ---------


@pytest.mark.django_db
def test_step_3_two_readers_may_write_the_same_words(published):
    for email in ["first@example.org", "second@example.org", "third@example.org"]:
        response = post_comment(Client(), published, email=email, body="رحم الله الضحايا")
        assert response.status_code == 303
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 3


@pytest.mark.django_db
def test_step_3_the_same_commenter_is_told_their_comment_is_waiting(published):
    assert (
        post_comment(Client(), published, email="reader@gmail.com", body="شكرًا").status_code == 303
    )
    # Another browser, another spelling of the same mailbox, other spacing and diacritics.
    again = post_comment(Client(), published, email="Re.ader+x@googlemail.com", body=" شُكرًا ")
    refused(again, 409, "أرسلت هذا التعليق على هذا المقال من قبل")
    assert "بانتظار المراجعة" in again.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_step_3_the_same_browser_with_another_email_is_a_duplicate(client, published):
    assert post_comment(client, published, email="one@example.org", body="شكرًا").status_code == 303
    refused(post_comment(client, published, email="two@example.org", body="شكرًا"), 409, "من قبل")
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_step_3_a_published_copy_is_named_as_published(published):
    post_comment(Client(), published, email="reader@example.org", body="خبر مهم")
    Comment.objects.update(status=Comment.Status.APPROVED)
    again = post_comment(Client(), published, email="reader@example.org", body="خبر مهم")
    refused(again, 409, "وهو منشور")


@pytest.mark.django_db
def test_step_3_a_removed_copy_does_not_block_and_other_articles_are_free(published, make_article):
    post_comment(Client(), published, email="reader@example.org", body="رأيي في الخبر")
    Comment.objects.update(status=Comment.Status.REMOVED)
    assert (
        post_comment(
            Client(), published, email="reader@example.org", body="رأيي في الخبر"
        ).status_code
        == 303
    )
    other = make_article()
    assert (
        post_comment(Client(), other, email="reader@example.org", body="رأيي في الخبر").status_code
        == 303
    )
    assert Comment.objects.count() == 3


@pytest.mark.django_db
def test_step_3_texts_without_words_are_compared_as_written(client, published):
    assert post_comment(client, published, body="👍").status_code == 303
    assert post_comment(client, published, body="❤️").status_code == 303
    refused(post_comment(client, published, body=" 👍 "), 409, "من قبل")
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_step_3_the_database_refuses_a_second_copy(published):
    from django.db import IntegrityError, transaction

    first = Comment(article=published, name="أ", email="a@example.org", body="نص واحد")
    first.save()
    twin = Comment(article=published, name="أ", email="A@Example.org", body="نصٌّ  واحد")
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    assert Comment.objects.count() == 1


# --- flood limit by normalized email ------------------------------------------


def test_normalized_email():
    assert normalized_email("Reader+1@Example.org") == "reader@example.org"
    assert normalized_email("r.e.a.d.e.r@gmail.com") == "reader@gmail.com"
    assert normalized_email("R.eader+news@GoogleMail.com") == "reader@gmail.com"
    # Other providers may give dots a meaning: kept.
    assert normalized_email("first.last@example.org") == "first.last@example.org"
    assert commenter_key("reader+1@gmail.com") == commenter_key("READER@googlemail.com")
    assert commenter_key("a@example.org") != commenter_key("b@example.org")


@pytest.mark.django_db
def test_flood_limit_ignores_plus_tags_and_ignored_dots(published, settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    assert post_comment(Client(), published, email="reader@gmail.com").status_code == 303
    for email in ["reader+1@gmail.com", "re.ad.er@gmail.com", "Reader+2@GoogleMail.com"]:
        refused(post_comment(Client(), published, email=email), 429, "أنت ترسل التعليقات بسرعة")
    assert post_comment(Client(), published, email="other@gmail.com").status_code == 303
    assert Comment.objects.count() == 2


# --- 4. blocked words, 5. suspect words ---------------------------------------


@pytest.mark.django_db
def test_step_4_blocked_words_send_to_spam(client, published):
    BlockedWord.objects.create(word="كازينو")
    post_comment(client, published, body="أفضل كازينو في المدينة")
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.django_db
def test_step_5_suspect_words_hold_for_a_second_look_and_are_marked(
    client, published, admin_client
):
    BlockedWord.objects.create(word="خائن", action=BlockedWord.Action.REVIEW)
    BlockedWord.objects.create(word="كلام فارغ", action=BlockedWord.Action.REVIEW)
    post_comment(client, published, body="الوزيرُ خائـــن وهذا كلامٌ فارغ، والخائن معروف")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.needs_review
    assert comment.review_reasons == [Comment.Reason.SUSPECT_WORDS]
    assert sorted(comment.suspect_words) == ["خاين", "كلام فارغ"]
    html = str(comment.marked_body())
    assert "<mark>خائـــن</mark>" in html and "<mark>والخائن</mark>" in html
    assert "<mark>كلامٌ</mark> <mark>فارغ</mark>" in html
    assert "الوزيرُ" in html and "<mark>الوزيرُ" not in html


@pytest.mark.django_db
def test_marking_escapes_the_reader_text(published):
    BlockedWord.objects.create(word="خائن", action=BlockedWord.Action.REVIEW)
    comment = Comment(article=published, body="<b>خائن</b> & <script>", suspect_words=["خاين"])
    html = str(comment.marked_body())
    assert html == "&lt;b&gt;<mark>خائن</mark>&lt;/b&gt; &amp; &lt;script&gt;"


@pytest.mark.django_db
def test_a_blocked_word_wins_over_a_suspect_one(client, published):
    BlockedWord.objects.create(word="كازينو")
    BlockedWord.objects.create(word="خائن", action=BlockedWord.Action.REVIEW)
    post_comment(client, published, body="كازينو خائن")
    assert Comment.objects.get().status == Comment.Status.SPAM


# --- 6. links, 7. history, 8. toxicity -----------------------------------------


@pytest.mark.django_db
def test_step_6_more_than_the_allowed_links_is_flagged(published, settings):
    settings.COMMENTS_MAX_LINKS = 2
    post_comment(Client(), published, body="المصدر https://a.example/1 و www.b.example")
    post_comment(Client(), published, body="http://a.example http://b.example https://c.example")
    two, three = Comment.objects.order_by("pk")
    assert not two.needs_review and two.review_reasons == []
    assert three.needs_review and three.review_reasons == [Comment.Reason.LINKS]


@pytest.mark.django_db
def test_step_7_a_commenter_with_spam_before_is_flagged(published):
    post_comment(Client(), published, email="spammer@example.org", body="أول تعليق")
    Comment.objects.update(status=Comment.Status.SPAM)
    post_comment(Client(), published, email="Spammer+new@example.org", body="تعليق جديد بريء")
    post_comment(Client(), published, email="someone@example.org", body="تعليق جديد بريء")
    flagged, clean = Comment.objects.filter(status=Comment.Status.PENDING).order_by("pk")
    assert flagged.review_reasons == [Comment.Reason.HISTORY]
    assert clean.review_reasons == []


def score_by_exclamations(text, *, article):
    return text.count("!") / 10


def broken_scorer(text, *, article):
    raise RuntimeError("the classifier is down")


@pytest.mark.django_db
def test_step_8_a_pluggable_toxicity_score(published, settings):
    # The default scores nothing.
    post_comment(Client(), published, body="!!!!!!!!!!!!")
    assert Comment.objects.get().toxicity is None
    settings.COMMENTS_TOXICITY_SCORER = f"{__name__}.score_by_exclamations"
    settings.COMMENTS_TOXICITY_THRESHOLD = 0.8
    post_comment(Client(), published, body="هادئ!")
    post_comment(Client(), published, body="غاضب!!!!!!!!!")
    calm, angry = Comment.objects.exclude(toxicity=None).order_by("pk")
    assert calm.toxicity == pytest.approx(0.1) and not calm.needs_review
    assert angry.toxicity == 0.9 and angry.review_reasons == [Comment.Reason.TOXICITY]
    settings.COMMENTS_TOXICITY_SCORER = f"{__name__}.broken_scorer"
    assert post_comment(Client(), published, body="يصل رغم العطل").status_code == 303
    assert Comment.objects.get(body="يصل رغم العطل").toxicity is None


# --- 9. trust ramp, 10. pending ----------------------------------------------


@pytest.mark.django_db
def test_step_10_every_comment_waits_by_default(published):
    for n in range(3):
        post_comment(Client(), published, email="loyal@example.org", body=f"تعليق {n}")
        Comment.objects.update(status=Comment.Status.APPROVED)
    post_comment(Client(), published, email="loyal@example.org", body="تعليق رابع")
    assert Comment.objects.get(body="تعليق رابع").status == Comment.Status.PENDING


@pytest.mark.django_db
def test_step_9_trust_ramp_approves_a_commenter_with_enough_approved(published, settings):
    settings.COMMENTS_TRUSTED_AFTER = 2
    post_comment(Client(), published, email="loyal@gmail.com", body="الأول")
    Comment.objects.update(status=Comment.Status.APPROVED)
    post_comment(Client(), published, email="loyal@gmail.com", body="الثاني")
    assert Comment.objects.get(body="الثاني").status == Comment.Status.PENDING  # one is not enough
    Comment.objects.update(status=Comment.Status.APPROVED)
    post_comment(Client(), published, email="Lo.yal+x@gmail.com", body="الثالث")
    third = Comment.objects.get(body="الثالث")
    assert third.status == Comment.Status.APPROVED
    assert third.moderated_by is None and third.moderated_at is not None
    assert "الثالث" in Client().get(published.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_trust_ramp_stops_at_spam_and_at_flags(published, settings):
    settings.COMMENTS_TRUSTED_AFTER = 1
    settings.COMMENTS_MAX_LINKS = 0
    post_comment(Client(), published, email="loyal@example.org", body="الأول")
    Comment.objects.update(status=Comment.Status.APPROVED)
    post_comment(Client(), published, email="loyal@example.org", body="مع رابط https://x.example")
    assert Comment.objects.get(body__startswith="مع رابط").status == Comment.Status.PENDING
    post_comment(Client(), published, email="mixed@example.org", body="أ")
    post_comment(Client(), published, email="mixed@example.org", body="ب")
    Comment.objects.filter(body="أ").update(status=Comment.Status.APPROVED)
    Comment.objects.filter(body="ب").update(status=Comment.Status.SPAM)
    post_comment(Client(), published, email="mixed@example.org", body="ج")
    assert Comment.objects.get(body="ج").status == Comment.Status.PENDING
