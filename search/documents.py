"""Search documents: each article's terms per field, rebuilt whenever the article is saved.

A field is stored twice: its terms in order (arabic.term: what phrases pair),
and its variants: the spelling skeleton of each word (arabic.skeleton), the
broken-plural family of its term (search.plurals) and its body after each
particle it may begin with (arabic.particle_bodies). Both are indexed together.

The search app connects `index_saved_article` to Article's post_save in its
AppConfig.ready(): the articles app knows nothing of search. The document
itself is made by the task worker (search.tasks), from the article as it is
when the task runs.
"""

import functools
import re

from arabic import is_stopword, particle_bodies, search_words, skeleton, term
from articles.body import html_text
from articles.models import Article

from .models import SearchDocument, SearchTerm
from .plurals import family

MAX_DOCUMENT_WORDS = 20_000  # per field: PostgreSQL limits a tsvector to 1 MB
MAX_TERM_LENGTH = 64  # longer "words" (pasted links, garbage) stay out of the word list
FIELDS = ("title", "standfirst", "body")
# The article's fields a document copies to leave out what readers may not see
# (search.models.SearchDocument); a save that changes them rebuilds it too.
VISIBILITY_FIELDS = ("status", "published_at")

# Placeholders an editor may put in a body, such as [[figure:2]]: not prose.
MARKER = re.compile(r"\[\[[^\[\]]*\]\]")


def plain_text(body_html):
    """The text of a (sanitized) article body, with tags and markers turned into spaces."""
    return MARKER.sub(" ", html_text(body_html))


@functools.lru_cache(maxsize=100_000)
def word_tokens(word):
    """Everything a word (as search reads it) is indexed under: its term first, then
    its skeleton and plural family when it has them, and its body after each
    particle it may begin with (arabic.particle_bodies)."""
    found = term(word)
    variants = (token for token in (skeleton(word), family(found)) if token)
    return (found, *variants, *sorted(particle_bodies(found)))


def field_text(text):
    """(terms, variants) of a field: its terms in order, and its distinct variants."""
    terms, variants = [], {}
    for word in search_words(text):
        if is_stopword(word):
            continue
        found, *others = word_tokens(word)
        terms.append(found)
        variants.update(dict.fromkeys(others))
        if len(terms) == MAX_DOCUMENT_WORDS:
            break
    return " ".join(terms), " ".join(variants)


def document_fields(title, standfirst, body_html):
    """The fields of a search document: the terms and variants of each part of an article."""
    fields = {}
    for name, text in zip(FIELDS, (title, standfirst, plain_text(body_html)), strict=True):
        fields[name], fields[f"{name}_variants"] = field_text(text or "")
    return fields


def build_document(article):
    """The search document of an article (not saved)."""
    fields = document_fields(article.title, article.standfirst, article.body)
    visibility = {name: getattr(article, name) for name in VISIBILITY_FIELDS}
    return SearchDocument(article_id=article.pk, **fields, **visibility)


def document_terms(document):
    """The terms of a document (not its variants): what the word list holds."""
    return {
        found
        for name in FIELDS
        for found in getattr(document, name).split()
        if len(found) <= MAX_TERM_LENGTH
    }


def save_documents(documents, batch_size=500):
    """Write documents (insert or replace) and add their words to the word list."""
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[*FIELDS, *(f"{name}_variants" for name in FIELDS), *VISIBILITY_FIELDS],
    )
    terms = set().union(*(document_terms(d) for d in documents)) if documents else set()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t) for t in sorted(terms)], batch_size=batch_size, ignore_conflicts=True
    )


def index_article(article):
    """Rebuild one article's search document from the article in hand."""
    save_documents([build_document(article)])


def index_articles(first_pk, last_pk, batch_size=500):
    """Rebuild the documents of the articles with ids from first_pk to last_pk, as
    they are now (a deleted article's document went with it). Returns how many."""
    articles = list(
        Article.objects.only(*FIELDS, *VISIBILITY_FIELDS).filter(pk__range=(first_pk, last_pk))
    )
    save_documents([build_document(article) for article in articles], batch_size)
    return len(articles)


def index_saved_article(sender, instance, update_fields=None, **kwargs):
    """Article post_save: keep its document current when its text or whether
    readers may see it may have changed.

    The task worker rebuilds it (search.tasks). The task is enqueued inside the
    saving transaction: with the database backend its row commits with the
    article, so the worker never reads a text that was not committed, and a
    rolled-back save leaves no task; the immediate backend (development, tests)
    writes the document right here, as part of the save.
    """
    if update_fields is not None and not {*FIELDS, *VISIBILITY_FIELDS} & set(update_fields):
        return
    from .tasks import index_articles as task

    task.enqueue(instance.pk, instance.pk)


def article_batches(batch_size=500):
    """[(first id, last id)] of each run of batch_size articles, in id order."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    return [
        (ids[start], ids[min(start + batch_size, len(ids)) - 1])
        for start in range(0, len(ids), batch_size)
    ]


def rebuild_index(batch_size=500, progress=None):
    """Rebuild every document and the word list, e.g. after bulk imports or
    QuerySet.update(), which bypass Article.save(). Returns the number of articles."""
    SearchTerm.objects.all().delete()
    done = 0
    for first_pk, last_pk in article_batches(batch_size):
        done += index_articles(first_pk, last_pk, batch_size)
        if progress:
            progress(done)
    return done
