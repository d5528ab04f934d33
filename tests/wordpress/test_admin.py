"""The desk can check an import: old addresses and imported objects, in Arabic, read-only."""

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("chief", "chief@newsroom.example", "a-long-password-1")


def test_old_addresses_list_with_where_they_lead(run_import, client, superuser):
    run_import()
    client.force_login(superuser)
    page = client.get("/admin/wordpress/oldaddress/", {"q": "archives/100"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "/archives/100" in html
    assert "/articles/" in html
    assert "المنقول من ووردبريس" in html
    assert "عناوين قديمة من ووردبريس" in html
    assert client.get("/admin/wordpress/oldaddress/add/").status_code == 403


def test_imported_objects_list(run_import, client, superuser):
    run_import()
    client.force_login(superuser)
    page = client.get("/admin/wordpress/importedobject/", {"kind": "comment"})
    assert page.status_code == 200
    assert "507" in page.content.decode()
