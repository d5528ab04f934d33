from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("mine/<int:article_id>/", views.my_comments, name="mine"),
    path("<str:slug>/rss/", feeds.ArticleCommentsFeed(), name="feed-rss"),
    path("<str:slug>/atom/", feeds.ArticleCommentsAtomFeed(), name="feed-atom"),
]
