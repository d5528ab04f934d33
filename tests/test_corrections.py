"""Correction notes: added by editors, shown to readers, in the JSON-LD and the feeds."""

import json
import re

import pytest
from django.utils import timezone

from articles.models import Correction

from .conftest import article_form_data

NOTE = "ذكرت نسخة سابقة أن الجلسة عُقدت الثلاثاء، والصحيح أنها عُقدت الأربعاء."


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.django_db
def test_editor_adds_a_correction_readers_see(client, desk_editor, published):
    client.force_login(desk_editor)
    form = client.get(change_url(published)).content.decode()
    assert "corrections-TOTAL_FORMS" in form
    data = article_form_data(published, correction=NOTE)
    response = client.post(change_url(published), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = Correction.objects.get()
    assert correction.created_by == desk_editor
    published.refresh_from_db()
    assert published.revised_at == correction.created_at <= published.updated_at

    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "تصحيح:" in page and NOTE in page
    # At the end of the article, after its body.
    assert page.index('class="corrections"') > page.index('class="article-body"')
    article_data = next(d for d in json_ld(page) if d.get("@type") == "NewsArticle")
    assert article_data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": NOTE,
            "datePublished": iso(correction.created_at),
        }
    ]
    assert article_data["dateModified"] >= iso(correction.created_at)


@pytest.mark.django_db
def test_a_correction_moves_the_feeds_update_time(client, published):
    correction = Correction.objects.create(article=published, text=NOTE)
    atom = client.get("/feeds/atom/").content.decode()
    entry = atom[atom.index(published.title) :]
    updated = re.search(r"<updated>([^<]+)</updated>", entry).group(1)
    # The feed writes UTC.
    assert updated.startswith(correction.created_at.strftime("%Y-%m-%dT%H:%M:%S"))


@pytest.mark.django_db
def test_a_silent_fix_adds_no_correction(client, desk_editor, published):
    client.force_login(desk_editor)
    data = article_form_data(published, title=published.title + ".")
    response = client.post(change_url(published), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Correction.objects.exists()
    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "تصحيح:" not in page
    assert all("correction" not in d for d in json_ld(page))


@pytest.mark.django_db
def test_writers_and_drafts_get_no_correction_form(client, desk_editor, writer, draft, published):
    client.force_login(desk_editor)
    assert "corrections-TOTAL_FORMS" not in client.get(change_url(draft)).content.decode()
    published.authors.add(writer.author)
    client.force_login(writer)
    assert "corrections-TOTAL_FORMS" not in client.get(change_url(published)).content.decode()
