"""Spam and abuse: honeypot, timing, flood control, duplicates, the word list, cross-site posts."""

import os
import time
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from arabic import word_forms, words
from comments.forms import form_token
from comments.models import BlockedWord, Comment

from .commenting import post_comment

REDIS_URL = "redis://127.0.0.1:6379/0"


def refused(response, status, message):
    assert response.status_code == status, response.status_code
    html = response.content.decode()
    assert message in html, html[html.find('id="comment-errors"') :][:600]
    return html


@pytest.mark.django_db
def test_filled_honeypot_is_refused_with_a_message(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    trap = html[
        html.index('<div class="comment-hp"') : html.index("</div>", html.index("comment-hp"))
    ]
    assert 'aria-hidden="true"' in trap and 'tabindex="-1"' in trap and 'name="reference"' in trap
    response = post_comment(client, published, reference="http://spam.example", body="نص مريب")
    body = refused(response, 400, "تعذّر قبول تعليقك لأن حقلًا مخفيًا قد مُلئ")
    assert "نص مريب" in body
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_form_sent_too_soon_after_it_was_shown_is_refused(client, published, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 5
    fresh = form_token(published, issued=time.time() - 1)
    refused(post_comment(client, published, issued=fresh), 400, "أسرع مما يمكن لأحد أن يكتب")
    assert not Comment.objects.exists()
    ready = form_token(published, issued=time.time() - 6)
    assert post_comment(client, published, issued=ready).status_code == 303


@pytest.mark.django_db
def test_missing_tampered_or_foreign_form_tokens_are_refused(client, published, make_article):
    other = make_article()
    good = form_token(published, issued=time.time() - 60)
    for token in [None, "", good[:-2] + "xx", form_token(other, issued=time.time() - 60)]:
        refused(post_comment(client, published, issued=token), 400, "انتهت صلاحية هذا النموذج")
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_the_page_gives_a_fresh_token_after_a_refusal(client, published):
    response = post_comment(client, published, issued="broken")
    html = response.content.decode()
    token = html.split('name="issued" value="')[1].split('"')[0]
    assert token != "broken"


@pytest.mark.django_db
def test_same_address_cannot_post_again_within_the_interval(client, published, settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    assert post_comment(client, published, ip="192.0.2.10").status_code == 303
    html = refused(
        post_comment(client, published, ip="192.0.2.10", body="تعليق ثان سريع"),
        429,
        "أنت ترسل التعليقات بسرعة كبيرة",
    )
    assert "تعليق ثان سريع" in html
    assert post_comment(client, published, ip="192.0.2.11").status_code == 303
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_same_email_cannot_post_again_within_the_interval(client, published, settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    assert post_comment(client, published, email="same@example.org").status_code == 303
    refused(
        post_comment(client, published, email="Same@Example.org"), 429, "أنت ترسل التعليقات بسرعة"
    )
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_hourly_cap_per_address(client, published, settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    settings.COMMENTS_HOURLY_LIMIT_PER_IP = 3
    for _ in range(3):
        assert post_comment(client, published, ip="198.51.100.4").status_code == 303
    refused(post_comment(client, published, ip="198.51.100.4"), 429, "خلال الساعة الأخيرة")
    assert post_comment(client, published, ip="198.51.100.5").status_code == 303
    assert Comment.objects.count() == 4


@pytest.mark.django_db
def test_identical_text_on_the_same_article_is_a_duplicate(client, published, make_article):
    assert post_comment(client, published, body="مقال رائع جدًا").status_code == 303
    # Spacing, diacritics and tatweel do not make it a different comment.
    again = post_comment(client, published, body="  مقالٌ رائـــع جدًا ")
    refused(again, 409, "أرسلت هذا التعليق على هذا المقال من قبل")
    assert post_comment(client, make_article(), body="مقال رائع جدًا").status_code == 303
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_cross_site_posts_are_refused(client, published):
    response = post_comment(client, published, meta={"HTTP_ORIGIN": "https://evil.example"})
    refused(response, 403, "لا تُقبل التعليقات إلا من صفحات هذا الموقع")
    response = post_comment(client, published, meta={"HTTP_REFERER": "https://evil.example/page"})
    refused(response, 403, "لا تُقبل التعليقات إلا من صفحات هذا الموقع")
    assert not Comment.objects.exists()
    same_site = post_comment(client, published, meta={"HTTP_ORIGIN": "http://testserver"})
    assert same_site.status_code == 303


@pytest.mark.django_db
def test_the_article_page_needs_no_csrf_cookie(client, published):
    response = client.get(published.get_absolute_url())
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_normalized_words_and_clitics():
    assert words("الكــازينُو، أفضلُ مكانٍ!") == ["الكازينو", "افضل", "مكان"]
    assert "كازينو" in word_forms("والكازينو")
    assert word_forms("بنك") == {"بنك", "نك"}  # at least two letters stay


@pytest.mark.django_db
def test_blocked_words_send_comments_to_spam_whatever_the_spelling(client, published):
    BlockedWord.objects.create(word="كازينو")
    BlockedWord.objects.create(word="ربح سريع")
    BlockedWord.objects.create(word="Viagra")
    spellings = [
        "جرب حظك في الكـــازِينُو اليوم",  # tatweel and diacritics
        "زوروا والكازينو",  # a clitic in front
        "كا\u200bزينو",  # a zero-width space inside
        "طريقة ربـح سريــع",  # a phrase
        "VIAGRA here",
        "إِرْبَحْ معنا: الربح سريع",  # clitic on the first word of a phrase
    ]
    for n, text in enumerate(spellings):
        assert post_comment(client, published, body=f"{text} {n}").status_code == 303, text
    clean = post_comment(client, published, body="خبر مفيد عن الميزانية")
    assert clean.status_code == 303
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses.pop("خبر مفيد عن الميزانية") == Comment.Status.PENDING
    assert set(statuses.values()) == {Comment.Status.SPAM}, statuses


@pytest.mark.django_db
def test_blocked_words_match_in_names_too(client, published):
    BlockedWord.objects.create(word="كازينو")
    post_comment(client, published, name="كازينو النجوم")
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.django_db
def test_blocked_words_are_normalized_when_saved(admin_client):
    response = admin_client.post(
        "/admin/comments/blockedword/add/", {"word": "الـكَازِينو", "action": "spam"}
    )
    assert response.status_code == 302
    assert BlockedWord.objects.get().normalized == "الكازينو"
    again = admin_client.post(
        "/admin/comments/blockedword/add/", {"word": "الكازينو", "action": "review"}
    )
    assert "هذه الكلمة موجودة في القائمة من قبل" in again.content.decode()
    empty = admin_client.post("/admin/comments/blockedword/add/", {"word": "؟!", "action": "spam"})
    assert "أدخل حرفًا أو رقمًا واحدًا على الأقل" in empty.content.decode()
    assert BlockedWord.objects.count() == 1


@pytest.mark.django_db
def test_address_behind_trusted_proxies(client, published, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    settings.COMMENTS_KEEP_IP_DAYS = 7  # so that the address itself is there to check
    settings.COMMENTS_FLOOD_SECONDS = 15
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 203.0.113.50"}
    assert post_comment(client, published, ip="10.0.0.1", meta=forwarded).status_code == 303
    assert Comment.objects.get().ip_address == "203.0.113.50"
    # The load balancer's own address is shared by every reader: it must not be the key.
    other_reader = {"HTTP_X_FORWARDED_FOR": "203.0.113.51"}
    assert post_comment(client, published, ip="10.0.0.1", meta=other_reader).status_code == 303


@pytest.mark.django_db
def test_an_unreachable_cache_does_not_lose_comments(client, published):
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=broken):
        response = post_comment(client, published)
    assert response.status_code == 303
    assert Comment.objects.count() == 1


def redis_or_skip():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); CI requires it")


@pytest.mark.django_db
def test_flood_rule_holds_across_processes_through_redis(client, published, settings):
    """Two app processes share Redis: simulated by two clients and a cache opened afresh."""
    redis_or_skip()
    import redis

    prefix = f"newsroom-comments-test-{uuid.uuid4().hex}"
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.COMMENTS_FLOOD_SECONDS = 2
    server = redis.Redis.from_url(REDIS_URL)
    try:
        with override_settings(CACHES=shared):
            assert post_comment(client, published, ip="192.0.2.200").status_code == 303
            assert server.keys(f"{prefix}:*"), "the flood marks are in Redis"
            from django.core.cache import caches

            caches["default"].close()  # as if another process, with its own connection
            second = post_comment(type(client)(), published, ip="192.0.2.200")
            refused(second, 429, "أنت ترسل التعليقات بسرعة كبيرة")
            time.sleep(2.1)
            assert post_comment(client, published, ip="192.0.2.200").status_code == 303
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
    assert Comment.objects.count() == 2
    assert cache.get("anything") is None  # back on the test's own local cache
