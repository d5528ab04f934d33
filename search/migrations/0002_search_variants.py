# Each field of a search document gets a second column: the spelling skeletons
# and broken-plural family tokens of its words (search.documents). They are
# indexed with the field, but not paired for phrases. PostgreSQL regenerates its
# tsvector columns with them (the variants stripped of positions: only the
# terms are ever paired); SQLite's FTS5 table gets the three columns, and the
# triggers, dropped when SQLite remakes the table to add columns, come back.
#
# Terms and skeletons changed with this migration: run
# `manage.py rebuild_search_index` once after it on a database with articles.

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


def vector(field, variants=None):
    """A field's terms and their pairs (for phrases), and its variants, as a tsvector."""
    terms = f"to_tsvector('simple'::regconfig, {field} || ' ' || search_pairs({field}))"
    if variants is None:
        return terms
    return f"({terms} || strip(to_tsvector('simple'::regconfig, {variants})))"


def vector_columns(variants):
    def v(field):
        return vector(field, f"{field}_variants" if variants else None)

    return [
        """ALTER TABLE search_searchdocument DROP COLUMN vector, DROP COLUMN title_vector,
           DROP COLUMN standfirst_vector""",
        f"""
        ALTER TABLE search_searchdocument
          ADD COLUMN vector tsvector GENERATED ALWAYS AS (
            setweight({v("title")}, 'A')
            || setweight({v("standfirst")}, 'B')
            || setweight({v("body")}, 'C')
          ) STORED,
          ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({v("title")}) STORED,
          ADD COLUMN standfirst_vector tsvector GENERATED ALWAYS AS ({v("standfirst")}) STORED
        """,
        "CREATE INDEX search_searchdocument_vector ON search_searchdocument USING gin (vector)",
        """CREATE INDEX search_searchdocument_title ON search_searchdocument
           USING gin (title_vector)""",
        """CREATE INDEX search_searchdocument_standfirst ON search_searchdocument
           USING gin (standfirst_vector)""",
    ]


def fts(columns):
    """The FTS5 table over the documents and the triggers that keep it in step."""
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5({", ".join(columns)},
            content='search_searchdocument', content_rowid='article_id',
            tokenize='unicode61 remove_diacritics 0')""",
        *triggers(columns),
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def triggers(columns):
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {names})"
        f" VALUES ('delete', old.article_id, {old});"
    )
    insert = f"INSERT INTO search_fts(rowid, {names}) VALUES (new.article_id, {new});"
    return [
        f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
            {delete} {insert} END""",
    ]


FIELDS = ["title", "standfirst", "body"]
VARIANTS = [f"{f}_variants" for f in FIELDS]
DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        # Undone last: the old table's triggers, after SQLite has remade the table.
        VendorSQL("sqlite", migrations.RunSQL.noop, [*DROP_FTS, *fts(FIELDS)]),
        *(
            migrations.AddField(
                model_name="searchdocument", name=name, field=models.TextField(blank=True)
            )
            for name in VARIANTS
        ),
        VendorSQL("postgresql", vector_columns(True), vector_columns(False)),
        VendorSQL("sqlite", [*DROP_FTS, *fts(FIELDS + VARIANTS)], DROP_FTS),
    ]
