from django.urls import path

from . import views

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
]
