"""Dates as readers of Arabic news expect them."""

from django import template
from django.utils.translation import gettext
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
