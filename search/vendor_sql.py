"""Migrations' raw SQL for one database vendor (PostgreSQL's tsvector columns and
functions, SQLite's FTS5 tables): one operation, run on that vendor only."""

from django.db import migrations


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
