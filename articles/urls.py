from django.urls import path

from . import feeds, sitemaps, views

app_name = "articles"

# Slugs are Arabic: the `str` converter accepts any Unicode slug, and Django
# decodes percent-encoded paths before matching, so both spellings resolve.
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("sections/<str:slug>/", views.CategoryView.as_view(), name="category"),
    path("tags/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("search/", views.search, name="search"),
]

# Distribution: feeds, sitemaps and robots.txt (articles/feeds.py, articles/sitemaps.py).
urlpatterns += [
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("sections/<str:slug>/rss/", feeds.SectionFeed(), name="category-rss"),
    path("sections/<str:slug>/atom/", feeds.SectionAtomFeed(), name="category-atom"),
    path("tags/<str:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("tags/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path("authors/<str:slug>/rss/", feeds.AuthorFeed(), name="author-rss"),
    path("authors/<str:slug>/atom/", feeds.AuthorAtomFeed(), name="author-atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
