"""Dates as readers of Arabic news expect them."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from hijridate import Gregorian

register = template.Library()


@register.filter(expects_localtime=True)
def hijri_date(value):
    """The Hijri (Umm al-Qura) date of a datetime in the site's time zone."""
    if not value:
        return ""
    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        # Umm al-Qura tables cover 1343-1500 AH; outside them we show no Hijri date.
        return ""
    return gettext("%(day)s %(month)s %(year)s AH") % {
        "day": hijri.day,
        "month": hijri.month_name("ar"),
        "year": hijri.year,
    }


@register.filter
def is_within_a_day(value):
    """True for a moment of the last 24 hours (not the future)."""
    if not value:
        return False
    return timedelta(0) <= timezone.now() - value < timedelta(days=1)


@register.filter
def time_since(value):
    """«منذ 3 ساعات»: how long ago, in minutes under an hour, else in hours."""
    seconds = max(0, int((timezone.now() - value).total_seconds()))
    if seconds < 60:
        return gettext("just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {
            "count": minutes
        }
    hours = minutes // 60
    return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
