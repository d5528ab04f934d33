"""Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) for the numbers readers see."""

import re

TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Left to right, the first that matches wins: whole script, style and textarea
# elements, comments, tags (their attributes hold addresses and ISO dates) and
# character references stay as they are; only digits of the text are changed.
_HTML_TOKENS = re.compile(
    r"<(script|style|textarea|pre|code)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;|[0-9]+",
    re.DOTALL | re.IGNORECASE,
)


def arabic_indic(text):
    """text with its Latin digits written as Arabic-Indic digits."""
    return text.translate(TO_ARABIC_INDIC)


def arabic_indic_html(html):
    """The digits of an HTML page's text as Arabic-Indic, its markup untouched."""

    def replace(match):
        token = match.group(0)
        return arabic_indic(token) if token[0].isdigit() else token

    return _HTML_TOKENS.sub(replace, html)
