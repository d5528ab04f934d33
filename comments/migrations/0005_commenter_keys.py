"""Comments stored before commenter keys get theirs (comments.commenters.commenter_key).

Written out here because migrations may not import our code. Should two old
comments already be the same text from the same commenter on one article, the
later one keeps an empty key, which the duplicate constraint leaves alone.
"""

from django.db import migrations
from django.utils.crypto import salted_hmac

DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalized_email(email):
    local, at, domain = email.strip().casefold().rpartition("@")
    if not at:
        return email.strip().casefold()
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain, local = DOTLESS_DOMAINS[domain], local.replace(".", "")
    return f"{local}@{domain}"


def fill_keys(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    seen = set()
    unkeyed = Comment.objects.filter(commenter_key="").exclude(email="")
    for comment in unkeyed.only("pk", "article_id", "email", "fingerprint", "status").order_by("pk"):
        key = salted_hmac(
            "comments.commenter", normalized_email(comment.email), algorithm="sha256"
        ).hexdigest()
        if comment.status != "removed":
            if (comment.article_id, key, comment.fingerprint) in seen:
                continue
            seen.add((comment.article_id, key, comment.fingerprint))
        comment.commenter_key = key
        comment.save(update_fields=["commenter_key"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_hash_clear_ip_addresses")]

    operations = [migrations.RunPython(fill_keys, migrations.RunPython.noop)]
