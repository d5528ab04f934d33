from django.core.management.base import BaseCommand
from django.db import transaction

from search.documents import rebuild_index
from search.tasks import enqueue_rebuild


class Command(BaseCommand):
    """Rebuild every article's search document and the word list.

    Saving an article keeps its document current; QuerySet.update(), bulk_create()
    and raw SQL imports do not call save(), so run this after them. With
    --background the task worker does it, one batch of articles per task.
    """

    help = "Rebuild the search index of every article (after bulk imports or updates)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--background",
            action="store_true",
            help="Enqueue the rebuild for the task worker, one task per batch, and return.",
        )

    def handle(self, *args, batch_size, background, **options):
        if background:
            # Each batch replaces its documents in place (readers never miss one);
            # the word list only gains words: emptying it would blind near misses
            # until the last batch ran.
            tasks = enqueue_rebuild(batch_size)
            self.stdout.write(
                self.style.SUCCESS(f"Enqueued the search index rebuild in {tasks} batches.")
            )
            return

        def progress(done):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} articles")

        # One transaction: readers keep the old index until the new one is complete.
        with transaction.atomic():
            count = rebuild_index(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search index of {count} articles."))
