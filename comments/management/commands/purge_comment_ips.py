"""Clear commenters' IP addresses older than COMMENTS_KEEP_IP_DAYS: run it daily (cron).

15 3 * * *  cd /srv/newsroom && .venv/bin/python manage.py purge_comment_ips
"""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from comments.models import Comment


class Command(BaseCommand):
    help = "Clear the IP addresses of comments older than COMMENTS_KEEP_IP_DAYS days."

    def handle(self, *args, **options):
        count = Comment.objects.purge_ip_addresses()
        self.stdout.write(
            ngettext(
                "Cleared the IP address of %(count)d comment.",
                "Cleared the IP addresses of %(count)d comments.",
                count,
            )
            % {"count": count}
        )
