"""How editors type tags: Arabic keyboards give «،», not «,»."""

from taggit.utils import _parse_tags

ARABIC_COMMA = "\u060c"


def parse_tags(text):
    """Split a tag string on Latin or Arabic commas (taggit's rules otherwise)."""
    return _parse_tags((text or "").replace(ARABIC_COMMA, ","))
