from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff sign-in: throttling and lockout (django-axes), two-factor codes (django-otp)."""

    name = "staff"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from . import events  # noqa: F401 (connects the sign-in log's receivers)
