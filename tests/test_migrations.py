"""Migrations stand alone: each app has one clean history, and none imports our code."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ROOT = Path(__file__).resolve().parent.parent
OUR_PACKAGES = {"arabic", "articles", "comments", "demo", "distribution", "images", "newsroom",
                "search", "wordpress"}  # fmt: skip


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


MIGRATIONS = sorted(ROOT.glob("*/migrations/0*.py"))


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_no_migration_imports_application_code(path):
    ours = {m for m in imported_modules(path) if m.split(".")[0] in OUR_PACKAGES}
    assert not ours, f"{path.name} imports {ours}: copy what it needs into the migration"


@pytest.mark.django_db
def test_every_app_starts_from_one_initial_migration():
    graph = MigrationExecutor(connection).loader.graph
    for app in ("images", "articles", "search", "comments"):
        roots = [name for (label, name) in graph.root_nodes(app) if label == app]
        assert roots == ["0001_initial"], (app, roots)
