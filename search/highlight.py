"""Showing matches: the reader's words marked in titles, standfirsts and a snippet of the body."""

import functools
import itertools
from collections import deque
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

import arabic
from arabic.normalize import WRITTEN_WORD
from articles.models import Article

from .documents import plain_text, word_tokens

SNIPPET_WORDS = 14  # words of the body shown on each side of the first match


@functools.lru_cache(maxsize=100_000)
def written_tokens(written):
    """What a word as written (diacritics and all) is indexed under; stopwords give none."""
    return frozenset(
        token
        for word in arabic.search_words(written)
        if not arabic.is_stopword(word)
        for token in word_tokens(word)
    )


class Highlighter:
    """Marks the words of a text that the search matched, as they are written."""

    def __init__(self, terms):
        self.terms = frozenset(terms)
        self.seen = {}  # word as written → matched: a page's bodies repeat their words

    def is_match(self, written):
        matched = self.seen.get(written)
        if matched is None:
            matched = self.seen[written] = not self.terms.isdisjoint(written_tokens(written))
        return matched

    def mark(self, text):
        """Escaped text with matched words in <mark>."""
        out, last = [], 0
        for match in WRITTEN_WORD.finditer(text):
            if self.is_match(match.group()):
                out += [
                    escape(text[last : match.start()]),
                    "<mark>",
                    escape(match.group()),
                    "</mark>",
                ]
                last = match.end()
        out.append(escape(text[last:]))
        return mark_safe("".join(out))

    def snippet(self, body_html):
        """A few words of the body around its first match, marked; "" if none.

        The body's words are read only up to the end of the snippet: a long
        article matched near its start costs what its first lines cost."""
        text = " ".join(plain_text(body_html).split())
        words = WRITTEN_WORD.finditer(text)
        before = deque(maxlen=SNIPPET_WORDS + 1)  # the words shown before the match, and one
        for word in words:
            if self.is_match(word.group()):
                break
            before.append(word)
        else:
            return ""
        after = list(itertools.islice(words, SNIPPET_WORDS + 1))  # one more: is there more?
        start = before[1].start() if len(before) > SNIPPET_WORDS else 0
        end = after[SNIPPET_WORDS - 1].end() if len(after) > SNIPPET_WORDS else len(text)
        marked = self.mark(text[start:end])
        return mark_safe(f"{'… ' if start else ''}{marked}{' …' if end < len(text) else ''}")


@dataclass
class SearchResult:
    """An article as a search result: its title, standfirst and snippet with matches marked."""

    article: Article
    title: str
    standfirst: str
    snippet: str

    @classmethod
    def of(cls, article, highlighter):
        return cls(
            article=article,
            title=highlighter.mark(article.title),
            standfirst=highlighter.mark(article.standfirst),
            snippet=highlighter.snippet(article.body),
        )
