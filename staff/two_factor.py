"""Who must confirm a sign-in with a TOTP code, and the middleware that holds them to it.

With STAFF_2FA on, an Editor (STAFF_2FA_GROUPS) or a superuser who has signed
in with a password but not yet with a code reaches nothing of the admin but
the two-factor page (and signing out); elsewhere on the site they count as a
reader, so a preview of a draft stays closed too.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse


def needs_two_factor(user):
    """Whether this signed-in user must confirm with a code before working."""
    if not (settings.STAFF_2FA and user.is_authenticated and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.STAFF_2FA_GROUPS).exists()


def is_pending(user):
    """Signed in with a password, but still owing a two-factor code."""
    return needs_two_factor(user) and not user.is_verified()


class TwoFactorMiddleware:
    """Send a staff member who owes a code to the two-factor page (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.STAFF_2FA or not is_pending(request.user):
            return self.get_response(request)
        open_paths = {reverse("staff:two-factor"), reverse("admin:logout")}
        if request.path in open_paths:
            return self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('staff:two-factor')}?{query}")
        request.user = AnonymousUser()
        return self.get_response(request)
