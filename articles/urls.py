from django.urls import path

from . import views

app_name = "articles"

# Slugs are Arabic: the `str` converter accepts any Unicode slug, and Django
# decodes percent-encoded paths before matching, so both spellings resolve.
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("sections/<str:slug>/", views.CategoryView.as_view(), name="category"),
    path("tags/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("search/", views.search, name="search"),
]
