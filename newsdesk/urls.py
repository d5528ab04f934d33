from django.urls import path

from . import views

app_name = "newsdesk"

urlpatterns = [
    path("read/<int:pk>/", views.read_beacon, name="read"),
    path("live/<int:pk>/", views.live_updates, name="live-updates"),
    path("desk/live/<int:pk>/post/", views.post_live_update, name="post-live-update"),
    path("indexnow/<str:key>.txt", views.indexnow_key, name="indexnow-key"),
]
