"""The demo newspaper, read from data files (demo/data/*.json), loaded through tests.factories."""

import json
from datetime import timedelta
from pathlib import Path

from django.utils.html import format_html

DATA = Path(__file__).resolve().parent / "data"
LEAD_IMAGE_SIZE = (1200, 675)
FIGURE_SIZE = (960, 600)


def read(name):
    """One of the demo's data files: content.json (sections, authors, articles), comments.json."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def hours(value):
    return None if value is None else timedelta(hours=value)


def body_html(data, figure_image=None):
    """An article body: a lead, then headed sections, with the figure's photo if any."""
    figure = data.get("figure")
    parts = [format_html("<p>{}</p>", data["lead"])]
    for number, (heading, paragraphs) in enumerate(data["sections"], start=1):
        parts.append(format_html("<h2>{}</h2>", heading))
        parts.extend(format_html("<p>{}</p>", paragraph) for paragraph in paragraphs)
        if figure and figure_image and figure["after_section"] == number:
            parts.append(
                format_html(
                    '<figure data-image="{}"><figcaption>{}</figcaption></figure>',
                    figure_image.pk,
                    figure["caption"],
                )
            )
    return "\n".join(parts)
