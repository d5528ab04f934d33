"""Management commands used by `make run`."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the demo admin is for SQLite only")
def test_demo_admin_gets_a_new_random_password_each_time(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_admin")
    first = capsys.readouterr().out.split("password: ")[1].split()[0]
    call_command("create_demo_admin")
    second = capsys.readouterr().out.split("password: ")[1].split()[0]
    assert first != second and len(second) >= 16
    # Sign-in goes through django-axes, which counts attempts per request.
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="admin", password=second).is_superuser
    assert authenticate(request, username="admin", password=first) is None


@pytest.mark.django_db
def test_demo_admin_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_admin")
