"""Commenters' privacy: IP addresses as keyed hashes, kept only if asked, purged, forgotten."""

import importlib
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from comments.visitors import ip_fingerprint

from .commenting import approve, post_comment


@pytest.fixture(autouse=True)
def no_flood_limits(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    settings.COMMENTS_HOURLY_LIMIT_PER_IP = 0


@pytest.mark.django_db
def test_by_default_only_a_keyed_hash_of_the_address_is_stored(published):
    post_comment(Client(), published, ip="192.0.2.77")
    post_comment(Client(), published, ip="192.0.2.77")
    post_comment(Client(), published, ip="192.0.2.78")
    first, second, third = Comment.objects.order_by("pk")
    assert first.ip_address is None and len(first.ip_hash) == 64
    assert first.ip_hash == second.ip_hash != third.ip_hash
    assert first.ip_hash == ip_fingerprint("192.0.2.77")
    # Keyed: not a plain hash anyone could compute from a list of addresses.
    import hashlib

    assert first.ip_hash != hashlib.sha256(b"192.0.2.77").hexdigest()


@pytest.mark.django_db
def test_keep_ip_days_keeps_clear_addresses_and_the_purge_clears_old_ones(published, settings):
    settings.COMMENTS_KEEP_IP_DAYS = 7
    post_comment(Client(), published, ip="192.0.2.10", body="قديم")
    post_comment(Client(), published, ip="192.0.2.11", body="حديث")
    old, recent = Comment.objects.order_by("pk")
    assert (old.ip_address, recent.ip_address) == ("192.0.2.10", "192.0.2.11")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    out = call(settings, "purge_comment_ips")
    assert out == "مُسح عنوان IP لتعليق واحد.\n"
    old.refresh_from_db(), recent.refresh_from_db()
    assert old.ip_address is None and old.ip_hash == ip_fingerprint("192.0.2.10")
    assert recent.ip_address == "192.0.2.11"
    # Keeping none: the purge clears every clear address left.
    settings.COMMENTS_KEEP_IP_DAYS = 0
    call(settings, "purge_comment_ips")
    assert not Comment.objects.exclude(ip_address=None).exists()


def call(settings, *args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_data_migration_hashes_clear_addresses(published, settings):
    settings.COMMENTS_KEEP_IP_DAYS = 0
    Comment.objects.create(article=published, name="أ", email="a@example.org", body="١",
                           ip_address="198.51.100.5")  # fmt: skip
    Comment.objects.create(article=published, name="ب", email="b@example.org", body="٢",
                           ip_address="198.51.100.6", ip_hash="already")  # fmt: skip
    migration = importlib.import_module("comments.migrations.0004_hash_clear_ip_addresses")
    from django.apps import apps

    migration.hash_clear_addresses(apps, None)
    first, second = Comment.objects.order_by("pk")
    assert first.ip_address is None and first.ip_hash == ip_fingerprint("198.51.100.5")
    assert second.ip_address is None and second.ip_hash == "already"


@pytest.mark.django_db
def test_forget_commenter_deletes_or_anonymizes_every_comment_of_the_address(
    published, make_article, settings
):
    other = make_article()
    post_comment(Client(), published, email="Leaving.Reader+1@gmail.com", body="رأيي الأول")
    post_comment(Client(), other, email="leavingreader@googlemail.com", body="رأيي الثاني")
    post_comment(Client(), published, email="stays@example.org", body="تعليق باق")
    answered = Comment.objects.get(body="رأيي الأول")
    approve(answered)
    post_comment(
        Client(), published, email="stays@example.org", body="رد عليه", reply_to=answered.pk
    )
    out = call(settings, "forget_commenter", "leavingreader@gmail.com")
    assert out == "حُذف تعليق واحد، وجُهِّل تعليق واحد.\n"
    assert not Comment.objects.filter(body__startswith="رأيي").exists()
    assert not Comment.objects.filter(email__icontains="leaving").exists()
    answered.refresh_from_db()  # kept for the reply under it, with nothing of its author
    assert answered.email == "" and answered.commenter_key == "" and answered.ip_hash == ""
    assert answered.name == "قارئ" and "بطلب من كاتبه" in answered.body
    assert Comment.objects.filter(body__in=["تعليق باق", "رد عليه"]).count() == 2
    page = Client().get(published.get_absolute_url()).content.decode()
    assert "رأيي الأول" not in page


@pytest.mark.django_db
def test_forget_commenter_refuses_what_is_not_an_address(settings):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call(settings, "forget_commenter", "not-an-address")


@pytest.mark.django_db
def test_the_data_migration_gives_old_comments_their_commenter_key(published):
    from django.apps import apps

    from comments.commenters import commenter_key

    def old_comment(body):
        comment = Comment.objects.create(
            article=published, name="قديم", email="Old.Reader+x@gmail.com", body=body
        )
        Comment.objects.filter(pk=comment.pk).update(commenter_key="")  # as before the keys
        return comment

    first, twin, other = old_comment("نص قديم"), old_comment("نص قديم"), old_comment("نص آخر")
    migration = importlib.import_module("comments.migrations.0005_commenter_keys")
    migration.fill_keys(apps, None)
    keys = dict(Comment.objects.values_list("pk", "commenter_key"))
    assert keys[first.pk] == keys[other.pk] == commenter_key("oldreader@gmail.com")
    assert keys[twin.pk] == ""  # two copies from before the constraint: one keeps no key
