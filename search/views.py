"""The reader's search page."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render

from articles.cache_tags import image_tags, show

from .highlight import Highlighter, SearchResult
from .query import ArticleSearch, RankedResults, ReaderQuery

MAX_SEARCH_PAGE = 100_000  # keeps the offset a sane number; no search has that many pages


def search(request):
    """Search results: published articles matching the reader's words, best first, marked."""
    query = ReaderQuery(request.GET.get("q", ""))
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        raise Http404 from None
    if not 1 <= number <= MAX_SEARCH_PAGE:
        raise Http404
    per_page = settings.ARTICLES_PER_PAGE
    total, articles = ArticleSearch(query).page(number, per_page)
    paginator = Paginator(RankedResults(total, articles), per_page)
    try:
        page_obj = paginator.page(number)
    except InvalidPage:
        raise Http404 from None
    highlighter = Highlighter(query.terms)
    context = {
        "search_query": query,
        "results": [SearchResult.of(article, highlighter) for article in articles],
        "paginator": paginator,
        "page_obj": page_obj,
        "is_paginated": page_obj.has_other_pages(),
    }
    show(request, "search", *image_tags(articles))
    return render(request, "search/search.html", context)
