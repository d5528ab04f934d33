"""The staff member's two-factor page and the superuser's unlock page, inside the admin."""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import events
from .forms import CodeForm, UnlockForm
from .two_factor import needs_two_factor

DEVICE_NAME = "authenticator"


def device_for(user):
    """The user's confirmed device, else the one being set up (made on first visit)."""
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=None).order_by("-confirmed")
    device = devices.first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device):
    """The otpauth:// address as an inline SVG QR code (no script, no other host)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, dark="#111", light="#fff", title=_("QR code of your key"))


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


@never_cache
@staff_member_required
def two_factor(request):
    """Confirm this sign-in with a code; the first time, set up an authenticator app."""
    if not needs_two_factor(request.user) or request.user.is_verified():
        return redirect(next_url(request))
    device = device_for(request.user)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        events.two_factor_confirmed(request, request.user)
        return redirect(next_url(request))
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "form": form,
        "setting_up": not device.confirmed,
        "qr_svg": None if device.confirmed else qr_svg(device),
        "key": None if device.confirmed else device_key(device),
        "next": next_url(request),
    }
    return render(request, "staff/two_factor.html", context)


def device_key(device):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
@user_passes_test(lambda user: user.is_active and user.is_superuser, login_url="admin:login")
def unlock(request):
    """Lift a sign-in lockout before its time runs out (superusers only)."""
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"] or None
        ip_address = form.cleaned_data["ip_address"] or None
        AxesProxyHandler.reset_attempts(username=username, ip_address=ip_address)
        if form.cleaned_data["forget_authenticator"]:
            TOTPDevice.objects.filter(user__username=username).delete()
        messages.success(
            request,
            _("Sign-in is open again for %(who)s.")
            % {"who": " / ".join(filter(None, [username, ip_address]))},
        )
        return redirect("staff:unlock")
    context = {**admin.site.each_context(request), "title": _("Unlock staff sign-in"), "form": form}
    return render(request, "staff/unlock.html", context)
