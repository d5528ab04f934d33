from django.contrib import admin
from django.urls import path
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import views

# Authenticators are set up and removed on this app's Arabic pages; django-otp's own
# device admin cannot be translated (its strings are not marked), so it is not offered.
# Here, not in an admin module: django-otp registers it after our apps' admin modules run.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

app_name = "staff"

# Mounted under /admin/ (before the admin's own URLs) by newsroom/urls.py.
urlpatterns = [
    path("two-factor/", views.two_factor, name="two-factor"),
    path("unlock-sign-in/", views.unlock, name="unlock"),
]
