"""Reader-facing pages. Every one starts from Article.objects.published()."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .cache_tags import article_page_tags, image_tags, show
from .models import Article, Author, Category

HOME_LATEST = 8
HOME_PER_SECTION = 4
RELATED_COUNT = 4


def home(request):
    """The front page: a lead story, the latest articles and a block per section."""
    published = Article.objects.published().for_listing()
    lead = published.lead_story()
    others = published.exclude(pk=lead.pk) if lead else published
    latest = list(others[:HOME_LATEST])
    # No article twice on the page: the section blocks skip the latest news.
    not_shown = others.exclude(pk__in=[article.pk for article in latest])
    by_section = {}
    for article in not_shown.newest_by_section(HOME_PER_SECTION):
        by_section.setdefault(article.category_id, []).append(article)
    categories = list(Category.objects.all())
    sections = [(c, by_section[c.pk]) for c in categories if c.pk in by_section]
    context = {"lead": lead, "latest": latest, "sections": sections, "nav_sections": categories}
    shown = [lead, *latest, *(a for _, section in sections for a in section)]
    show(request, "home", *image_tags([a for a in shown if a]))
    return render(request, "articles/home.html", context)


class ArticleDetailView(DetailView):
    """One article, with its byline, lead figure, tags and related articles."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_article_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["current_section"] = article.category
        context["related"] = list(
            Article.objects.published()
            .for_listing()
            .filter(category_id=article.category_id)
            .exclude(pk=article.pk)[:RELATED_COUNT]
        )
        show(self.request, *article_page_tags(article), *image_tags(context["related"]))
        return context


class ArticlePreviewView(ArticleDetailView):
    """A draft or scheduled article exactly as readers will see it, for staff only.

    Staff see the articles on their desk (editors: all; writers: their own);
    anyone else gets the same 404 as for an article that does not exist.
    """

    def get_queryset(self):
        return Article.objects.on_desk_of(self.request.user).for_article_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Never kept by a shared cache, never indexed.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


class ArticleListView(ListView):
    """Newest-first, paginated articles filtered by one thing (a section, a tag, an author)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_articles(Article.objects.published().for_listing())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(subject=self.subject, **kwargs)
        show(self.request, f"{self.cache_tag}:{self.subject.pk}", *image_tags(context["articles"]))
        return context


class CategoryView(ArticleListView):
    """A newspaper section."""

    template_name = "articles/category_detail.html"
    cache_tag = "section"

    def get_subject(self):
        return get_object_or_404(Category, slug=self.kwargs["slug"])

    def filter_articles(self, articles):
        return articles.filter(category=self.subject)

    def get_context_data(self, **kwargs):
        return super().get_context_data(current_section=self.subject, **kwargs)


class TagView(ArticleListView):
    """Articles with one tag. A tag that no published article carries does not exist for readers."""

    template_name = "articles/tag_detail.html"
    cache_tag = "tag"
    extra_context = {"show_sections": True}

    def get_subject(self):
        tag = Article.objects.published().carrying_tag(self.kwargs["slug"])
        if tag is None:
            raise Http404
        return tag

    def filter_articles(self, articles):
        return articles.filter(tags=self.subject)


class AuthorView(ArticleListView):
    """An author's profile and articles."""

    template_name = "articles/author_detail.html"
    cache_tag = "author"
    extra_context = {"show_sections": True}

    def get_subject(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter_articles(self, articles):
        return articles.filter(authors=self.subject)


def article_page(request, article, status=200, **extra_context):
    """The article page with extra context, whatever the request's method.

    How another app shows the page again with something of its own, such as
    the comments app re-showing a refused comment form with its errors.
    """
    view = ArticleDetailView(extra_context=extra_context)
    view.setup(request, slug=article.slug)
    response = view.get(request, slug=article.slug)
    response.status_code = status
    return response
