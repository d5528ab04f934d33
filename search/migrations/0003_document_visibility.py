# Search documents carry copies of the two article fields that decide whether
# readers may see it (status, published_at; search.models.SearchDocument), and
# search_matches() returns them with each match: the scan that finds matching
# documents leaves out what readers may not see on the rows it reads anyway,
# instead of checking every match's article (two index pages per match).

from django.db import migrations, models


class VendorSQL(migrations.RunSQL):
    """RunSQL on one database vendor only (migrations import none of our code)."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

MATCHES = """
    CREATE FUNCTION search_matches(
      query tsquery, field text DEFAULT 'vector', most integer DEFAULT NULL
    ) RETURNS TABLE (article_id bigint, status varchar, published_at timestamptz)
    LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
    SET enable_seqscan = off AS $$
    BEGIN
      IF field = 'title_vector' THEN
        RETURN QUERY SELECT d.article_id, d.status, d.published_at FROM search_searchdocument d
          WHERE d.title_vector @@ query LIMIT most;
      ELSIF field = 'standfirst_vector' THEN
        RETURN QUERY SELECT d.article_id, d.status, d.published_at FROM search_searchdocument d
          WHERE d.standfirst_vector @@ query LIMIT most;
      ELSE
        RETURN QUERY SELECT d.article_id, d.status, d.published_at FROM search_searchdocument d
          WHERE d.vector @@ query LIMIT most;
      END IF;
    END
    $$
"""
OLD_MATCHES = """
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
"""
DROP_MATCHES = "DROP FUNCTION search_matches(tsquery, text, integer)"
# The index search checked each match's article with (migration 0001): unused now.
DROP_VISIBILITY_INDEX = "DROP INDEX search_article_visibility"
VISIBILITY_INDEX = """CREATE UNIQUE INDEX search_article_visibility ON articles_article (id)
   INCLUDE (status, published_at)"""

# Both databases: the copies filled in from the articles (one statement; new
# and saved articles' documents are built with them).
COPY_VISIBILITY = """
    UPDATE search_searchdocument SET
      status = (SELECT a.status FROM articles_article a WHERE a.id = article_id),
      published_at = (SELECT a.published_at FROM articles_article a WHERE a.id = article_id)
"""


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_workflow"),
        ("search", "0002_search_variants"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="status",
            field=models.CharField(blank=True, max_length=10, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunSQL(COPY_VISIBILITY, migrations.RunSQL.noop),
        VendorSQL(
            "postgresql",
            [DROP_MATCHES, MATCHES, DROP_VISIBILITY_INDEX],
            [VISIBILITY_INDEX, DROP_MATCHES, OLD_MATCHES],
        ),
    ]
