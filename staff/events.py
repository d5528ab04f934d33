"""Sign-ins, lockouts and two-factor confirmations, written to the admin log.

Each event is a LogEntry on the staff member's own account, so a superuser
finds it on that account's history page in the admin. A lockout of a name that
is no account goes to the log file only.
"""

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model, user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils.translation import gettext

logger = logging.getLogger("staff.sign_in")


def log_event(user, message):
    """Add one entry to the admin log, on the user's own account."""
    LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=False),
        object_id=str(user.pk),
        object_repr=str(user)[:200],
        action_flag=CHANGE,
        change_message=message,
    )


def address(request):
    return getattr(request, "axes_ip_address", None) or gettext("an unknown address")


@receiver(user_logged_in)
def staff_signed_in(sender, request, user, **kwargs):
    if user.is_staff and request is not None:
        log_event(user, gettext("Signed in from %(address)s.") % {"address": address(request)})


def first_lockout(request):
    """Whether this failure is the one that reached the limit (not a later knock)."""
    failures = getattr(request, "axes_failures_since_start", None)
    return failures == settings.AXES_FAILURE_LIMIT


@receiver(user_locked_out)
def staff_locked_out(sender, request, username, ip_address, **kwargs):
    logger.warning("Sign-in locked out: account %r from %s", username, ip_address)
    if not first_lockout(request):
        return  # one entry per lockout: a bot knocking on must not flood the admin log
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        log_event(
            user,
            gettext("Sign-in locked after too many wrong passwords (last from %(address)s).")
            % {"address": ip_address or gettext("an unknown address")},
        )


def two_factor_confirmed(request, user):
    log_event(
        user,
        gettext("Confirmed sign-in with a two-factor code from %(address)s.")
        % {"address": address(request)},
    )
