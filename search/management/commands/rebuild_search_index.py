from django.core.management.base import BaseCommand
from django.db import transaction

from search.documents import rebuild_index


class Command(BaseCommand):
    """Rebuild every article's search document and the word list.

    Saving an article keeps its document current; QuerySet.update(), bulk_create()
    and raw SQL imports do not call save(), so run this after them.
    """

    help = "Rebuild the search index of every article (after bulk imports or updates)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        def progress(done):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} articles")

        # One transaction: readers keep the old index until the new one is complete.
        with transaction.atomic():
            count = rebuild_index(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search index of {count} articles."))
