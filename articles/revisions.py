"""What changed between two saved versions of an article, for the admin's history page."""

import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop
from simple_history.template_utils import HistoricalRecordContextHelper

from .body import html_text

# Unchanged words kept on each side of a change, so editors see it in context.
CONTEXT_WORDS = 6

# Words of django-simple-history's history page that its Arabic catalogue lacks.
# Named here so that makemessages keeps them in ours (locale/ar), which Django
# consults before the package's own.
HISTORY_PAGE_WORDS = [gettext_noop("Changes")]


def words(text):
    """The words of a text or of HTML (each tag a word boundary, entities decoded)."""
    return html_text(text).split()


def word_diff(old, new):
    """The two texts as HTML, removed words in <del> and added words in <ins>.

    Markup is compared as the words readers see, so a changed tag does not
    drown the change of a word.
    """
    old_words, new_words = words(old), words(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = old_words[i1:i2]
            if len(same) > 2 * CONTEXT_WORDS:
                same = same[:CONTEXT_WORDS] + ["…"] + same[-CONTEXT_WORDS:]
            old_parts += map(escape, same)
            new_parts += map(escape, same)
            continue
        if i2 > i1:
            old_parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))


class TextChanges(HistoricalRecordContextHelper):
    """Shows changes of an article's text as word differences, other fields as they are."""

    TEXT_FIELDS = {"title", "standfirst", "body"}

    def stringify_delta_change_values(self, change, old, new):
        if change.field in self.TEXT_FIELDS:
            return word_diff(old, new)
        return super().stringify_delta_change_values(change, old, new)
