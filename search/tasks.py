"""The search app's background work: rebuilding search documents (search.documents)."""

from django_tasks import task

from newsroom.background import retried

from . import documents


@task()
@retried
def index_articles(first_pk, last_pk):
    """Rebuild the search documents of the articles with ids first_pk to last_pk, as
    they are when the task runs (a later save's task finds the same text: no harm)."""
    return documents.index_articles(first_pk, last_pk)


def enqueue_rebuild(batch_size=500):
    """Enqueue the rebuild of every article's document, one task per batch of
    articles. Returns the number of tasks."""
    batches = documents.article_batches(batch_size)
    for first_pk, last_pk in batches:
        index_articles.enqueue(first_pk, last_pk)
    return len(batches)
