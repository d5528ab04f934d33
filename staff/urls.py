from django.urls import path

from . import views

app_name = "staff"

# Mounted under /admin/ (before the admin's own URLs) by newsroom/urls.py.
urlpatterns = [
    path("two-factor/", views.two_factor, name="two-factor"),
    path("unlock-sign-in/", views.unlock, name="unlock"),
]
