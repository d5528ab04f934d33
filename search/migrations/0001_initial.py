# The search index: documents and the word list (both databases), then what
# each database needs to search them fast: PostgreSQL gets generated tsvector
# columns with GIN indexes, a trigram index on the word list, a function that
# reads matches from the GIN indexes and an index for the published check;
# SQLite gets FTS5 tables that triggers keep in step with the two tables.
# Articles that exist before search is installed get their documents from
# `manage.py rebuild_search_index`.
#
# Note for later migrations: on SQLite, altering search_searchdocument or
# search_searchterm remakes the table and drops the triggers below; recreate
# them in the same migration.

import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class VendorSQL(migrations.RunSQL):
    """RunSQL on one database vendor only."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class KeepTrigramExtension(TrigramExtension):
    """pg_trgm, created on PostgreSQL (only there) and left in place when unapplied:
    other apps may use it, and Django's own reverse fails on other databases."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def vector(field):
    """A field's stems and the pairs of neighbouring stems (for phrases), as a tsvector."""
    return f"to_tsvector('simple'::regconfig, {field} || ' ' || search_pairs({field}))"


POSTGRESQL = [
    # «a b c d» → «aـb cـd bـc d»: pair tokens make phrases an index lookup.
    # Pairs from the first word, then from the second (a word left without a
    # partner comes along; it is in the vector anyway). The joiner (tatweel)
    # is search.tree.PAIR_JOINER; normalization removes it from words.
    r"""
    CREATE FUNCTION search_pairs(terms text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT regexp_replace(terms, '(\S+) (\S+)', '\1ـ\2', 'g') || ' '
        || regexp_replace(regexp_replace(terms, '^\S+ ?', ''), '(\S+) (\S+)', '\1ـ\2', 'g')
    $$
    """,
    # 'simple' over our own stems: the 'arabic' (Snowball) configuration would
    # stem them again, and alone it misses «لداعش», «والمسلمين», «للبنان».
    # `vector` (title A, standfirst B, body C) answers matching; the two field
    # vectors answer "in the title", "in the standfirst" without weights, so no
    # query ever has to reread a document. Rows are kept small (everything
    # long is stored out of line) so index scans visit few pages.
    f"""
    ALTER TABLE search_searchdocument
      SET (toast_tuple_target = 128),
      ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight({vector("title")}, 'A')
        || setweight({vector("standfirst")}, 'B')
        || setweight({vector("body")}, 'C')
      ) STORED,
      ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({vector("title")}) STORED,
      ADD COLUMN standfirst_vector tsvector GENERATED ALWAYS AS ({vector("standfirst")}) STORED
    """,
    "CREATE INDEX search_searchdocument_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_searchdocument_title ON search_searchdocument USING gin (title_vector)",
    """CREATE INDEX search_searchdocument_standfirst ON search_searchdocument
       USING gin (standfirst_vector)""",
    "CREATE INDEX search_searchterm_trigrams ON search_searchterm USING gin (term gin_trgm_ops)",
    # The ids of the documents whose `field` matches (at most `most` of them),
    # always read from the GIN index. The planner cannot tell that reading a
    # tsvector means fetching it from TOAST, and for a common word it would
    # rather read all 50,000 documents (hundreds of milliseconds) than the
    # index (a few).
    """
    CREATE FUNCTION search_matches(
      query tsquery, field text DEFAULT 'vector', most integer DEFAULT NULL
    ) RETURNS TABLE (article_id bigint) LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
    SET enable_seqscan = off AS $$
    BEGIN
      IF field = 'title_vector' THEN
        RETURN QUERY SELECT d.article_id FROM search_searchdocument d
          WHERE d.title_vector @@ query LIMIT most;
      ELSIF field = 'standfirst_vector' THEN
        RETURN QUERY SELECT d.article_id FROM search_searchdocument d
          WHERE d.standfirst_vector @@ query LIMIT most;
      ELSE
        RETURN QUERY SELECT d.article_id FROM search_searchdocument d
          WHERE d.vector @@ query LIMIT most;
      END IF;
    END
    $$
    """,
    # Search keeps the published ones among its matches: with status and date in
    # the index, each check reads the index alone, not the article row.
    """CREATE UNIQUE INDEX search_article_visibility ON articles_article (id)
       INCLUDE (status, published_at)""",
]
POSTGRESQL_REVERSE = [
    "DROP FUNCTION search_matches(tsquery, text, integer)",
    "DROP INDEX search_article_visibility",
    "DROP INDEX search_searchterm_trigrams",
    "DROP INDEX search_searchdocument_standfirst",
    "DROP INDEX search_searchdocument_title",
    "DROP INDEX search_searchdocument_vector",
    """ALTER TABLE search_searchdocument DROP COLUMN standfirst_vector,
       DROP COLUMN title_vector, DROP COLUMN vector, RESET (toast_tuple_target)""",
    "DROP FUNCTION search_pairs(text)",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
      title, standfirst, body,
      content='search_searchdocument', content_rowid='article_id',
      tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
      INSERT INTO search_fts(rowid, title, standfirst, body)
      VALUES (new.article_id, new.title, new.standfirst, new.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, standfirst, body)
      VALUES ('delete', old.article_id, old.title, old.standfirst, old.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, standfirst, body)
      VALUES ('delete', old.article_id, old.title, old.standfirst, old.body);
      INSERT INTO search_fts(rowid, title, standfirst, body)
      VALUES (new.article_id, new.title, new.standfirst, new.body);
    END
    """,
    # Near misses: the word list, indexed by pg_trgm's trigrams (each word padded
    # with two spaces before and one after, as pg_trgm does).
    """
    CREATE VIRTUAL TABLE search_searchterm_trigrams USING fts5(
      term, content='', tokenize='trigram'
    )
    """,
    """
    CREATE TRIGGER search_searchterm_trigrams_insert AFTER INSERT ON search_searchterm BEGIN
      INSERT INTO search_searchterm_trigrams(rowid, term) VALUES (new.id, '  ' || new.term || ' ');
    END
    """,
    """
    CREATE TRIGGER search_searchterm_trigrams_delete AFTER DELETE ON search_searchterm BEGIN
      INSERT INTO search_searchterm_trigrams(search_searchterm_trigrams, rowid, term)
      VALUES ('delete', old.id, '  ' || old.term || ' ');
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_searchterm_trigrams_delete",
    "DROP TRIGGER search_searchterm_trigrams_insert",
    "DROP TABLE search_searchterm_trigrams",
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]




class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0001_initial'),
    ]

    operations = [
        KeepTrigramExtension(),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='articles.article')),
                ('title', models.TextField(blank=True)),
                ('standfirst', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
            ],
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=64, unique=True)),
            ],
        ),
        VendorSQL('postgresql', POSTGRESQL, POSTGRESQL_REVERSE),
        VendorSQL('sqlite', SQLITE, SQLITE_REVERSE),
    ]
