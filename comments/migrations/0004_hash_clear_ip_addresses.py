"""IP addresses stored in the clear become keyed hashes (privacy by default).

Addresses younger than COMMENTS_KEEP_IP_DAYS are kept, as the setting says.
The hash is the one comments.visitors.ip_fingerprint makes; migrations may not
import our code, so it is written out here (tests/test_comments_privacy.py
checks that the two agree).
"""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.crypto import salted_hmac


def hash_clear_addresses(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    stored = Comment.objects.filter(ip_address__isnull=False)
    days = getattr(settings, "COMMENTS_KEEP_IP_DAYS", 0)
    if days > 0:
        stored = stored.filter(created_at__lt=timezone.now() - timedelta(days=days))
    for comment in stored.only("pk", "ip_address", "ip_hash").iterator():
        if not comment.ip_hash:
            digest = salted_hmac("comments.ip", comment.ip_address, algorithm="sha256")
            comment.ip_hash = digest.hexdigest()
        comment.ip_address = None
        comment.save(update_fields=["ip_address", "ip_hash"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_moderation_pipeline")]

    operations = [migrations.RunPython(hash_clear_addresses, migrations.RunPython.noop)]
