"""How editors type tags: Arabic keyboards give «،», not «,»."""

from taggit.utils import split_strip

ARABIC_COMMA = "\u060c"


def parse_tags(text):
    """Tag names from what an editor typed: separated by Latin or Arabic commas if there
    are any, else by spaces (taggit's rule); quotes around a name are dropped."""
    text = (text or "").replace(ARABIC_COMMA, ",")
    names = split_strip(text, ",") if "," in text else text.split()
    return sorted({name.strip("\"'") for name in names} - {""})


def tag_cache_tags(tag):
    """A tag's page and the article pages that list it (taggit's Tag gets this as cache_tags)."""
    return [f"tag:{tag.pk}"]
