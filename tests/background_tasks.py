"""The database task backend in tests, and its real worker run once over what is due."""

from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
