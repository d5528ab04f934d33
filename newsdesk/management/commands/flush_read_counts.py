from django.core.management.base import BaseCommand

from newsdesk import readers


class Command(BaseCommand):
    help = (
        "Add the read counts kept in the shared cache to the database and refresh the "
        "'most read' list. Run it every few minutes (cron), at least once in 48 hours."
    )

    def handle(self, *args, **options):
        added = readers.flush()
        self.stdout.write(f"{added} views flushed.")
