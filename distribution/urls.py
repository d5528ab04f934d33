"""Feeds, sitemaps and robots.txt: what feed readers and search engines read."""

from django.urls import path

from . import feeds, sitemaps

app_name = "distribution"

urlpatterns = [
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
