"""What search reads: each article's words as search sees them, and the word list."""

from django.db import models


class SearchDocument(models.Model):
    """An article's words as search sees them: normalized, stemmed, stopwords left out.

    Built from the article every time it is saved (search.documents). PostgreSQL
    adds generated tsvector columns and GIN indexes to this table; SQLite keeps
    an FTS5 table in step with it through triggers (both in the migration).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(blank=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Each field's spelling skeletons and broken-plural family tokens: indexed
    # with the field, never paired for phrases.
    title_variants = models.TextField(blank=True)
    standfirst_variants = models.TextField(blank=True)
    body_variants = models.TextField(blank=True)
    # Copies of the article's fields that decide whether readers may see it
    # (articles.models.visible_to_readers applies to them as to the article):
    # the index scan that finds the matching documents leaves out the others
    # on the rows it reads anyway, instead of checking each match's article.
    # NULL until the document is built with them (adding the columns to a
    # populated table leaves it as SQLite found it, triggers and all).
    status = models.CharField(max_length=10, null=True, blank=True)  # noqa: DJ001
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.article_id)


class SearchTerm(models.Model):
    """A stem that occurs in some article: where near-miss spellings are looked up."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return self.term
