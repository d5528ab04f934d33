import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    """Give the local demo a superuser with a fresh random password, and print it.

    Only for the SQLite development database: a production site creates its
    accounts with `createsuperuser`.
    """

    help = "Create (or reset) the local demo superuser and print its password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if connection.vendor != "sqlite" or not settings.DEBUG:
            raise CommandError(
                "create_demo_admin is for the local SQLite demo with DEBUG on; "
                "use createsuperuser elsewhere."
            )
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
            + ("" if created else "  (password reset)")
        )
