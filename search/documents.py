"""Search documents: each article's stems per field, rebuilt whenever the article is saved.

The search app connects `index_saved_article` to Article's post_save in its
AppConfig.ready(): the articles app knows nothing of search.
"""

import re

from arabic import stems
from articles.body import html_text
from articles.models import Article

from .models import SearchDocument, SearchTerm

MAX_DOCUMENT_WORDS = 20_000  # per field: PostgreSQL limits a tsvector to 1 MB
MAX_TERM_LENGTH = 64  # longer "words" (pasted links, garbage) stay out of the word list

# Placeholders an editor may put in a body, such as [[figure:2]]: not prose.
MARKER = re.compile(r"\[\[[^\[\]]*\]\]")


def plain_text(body_html):
    """The text of a (sanitized) article body, with tags and markers turned into spaces."""
    return MARKER.sub(" ", html_text(body_html))


def document_fields(title, standfirst, body_html):
    """The fields of a search document: the stems of each part of an article."""

    def terms(text):
        return " ".join(stems(text)[:MAX_DOCUMENT_WORDS])

    return {
        "title": terms(title or ""),
        "standfirst": terms(standfirst or ""),
        "body": terms(plain_text(body_html)),
    }


def build_document(article):
    """The search document of an article (not saved)."""
    fields = document_fields(article.title, article.standfirst, article.body)
    return SearchDocument(article_id=article.pk, **fields)


def document_terms(document):
    return {
        term
        for text in (document.title, document.standfirst, document.body)
        for term in text.split()
        if len(term) <= MAX_TERM_LENGTH
    }


def save_documents(documents, batch_size=500):
    """Write documents (insert or replace) and add their words to the word list."""
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["title", "standfirst", "body"],
    )
    terms = set().union(*(document_terms(d) for d in documents)) if documents else set()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t) for t in sorted(terms)], batch_size=batch_size, ignore_conflicts=True
    )


def index_article(article):
    """Rebuild one article's search document."""
    save_documents([build_document(article)])


def index_saved_article(sender, instance, update_fields=None, **kwargs):
    """Article post_save: keep its document current when its text may have changed."""
    if update_fields is not None and not {"title", "standfirst", "body"} & set(update_fields):
        return
    index_article(instance)


def rebuild_index(batch_size=500, progress=None):
    """Rebuild every document and the word list, e.g. after bulk imports or
    QuerySet.update(), which bypass Article.save(). Returns the number of articles."""
    SearchTerm.objects.all().delete()
    articles = Article.objects.only("title", "standfirst", "body").order_by("pk")
    done, last_pk = 0, 0
    while True:
        batch = list(articles.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        save_documents([build_document(article) for article in batch], batch_size)
        done, last_pk = done + len(batch), batch[-1].pk
        if progress:
            progress(done)
    return done
