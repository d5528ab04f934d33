"""Deployment checks (`manage.py check --deploy`) for the proxy traps.

A reverse proxy in front of the app changes what a request looks like: TLS
ends at the proxy, and the reader's address arrives in X-Forwarded-For. The
settings must say so, or comments and sign-in go wrong in ways no error page
shows. Each warning is given in English and Arabic, with the fix.
"""

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils import translation
from django.utils.translation import gettext, gettext_noop


def in_english_and_arabic(text):
    with translation.override("ar"):
        arabic = gettext(text)
    return f"{text}\n{arabic}"


def warning(msg, hint, id):
    return Warning(in_english_and_arabic(msg), hint=in_english_and_arabic(hint), id=id)


def serves_https():
    """Whether the settings say readers reach the site over HTTPS."""
    origins = [settings.SITE_URL, *settings.CSRF_TRUSTED_ORIGINS]
    return (
        any(origin.startswith("https://") for origin in origins)
        or settings.SECURE_SSL_REDIRECT
        or settings.SECURE_HSTS_SECONDS > 0
    )


def behind_proxy():
    """Whether the settings or the environment say a proxy forwards the requests."""
    return bool(
        settings.SECURE_PROXY_SSL_HEADER
        or settings.USE_X_FORWARDED_HOST
        or os.environ.get("FORWARDED_ALLOW_IPS")  # gunicorn's list of trusted proxies
    )


@register(Tags.security, deploy=True)
def proxy_traps(app_configs=None, **kwargs):
    found = []
    if serves_https() and not settings.SECURE_PROXY_SSL_HEADER:
        found.append(
            warning(
                gettext_noop(
                    "The site is served over HTTPS but SECURE_PROXY_SSL_HEADER is off: behind "
                    "a TLS proxy every request looks like plain HTTP, so every comment and "
                    "sign-in is refused (403) and HTTPS redirects loop."
                ),
                gettext_noop(
                    "If TLS ends at a proxy, set SECURE_PROXY_SSL_HEADER=1 (and make the proxy "
                    "set X-Forwarded-Proto). If the app itself serves TLS, silence "
                    "newsroom.W001 with SILENCED_SYSTEM_CHECKS."
                ),
                "newsroom.W001",
            )
        )
    proxies = settings.COMMENTS_TRUSTED_PROXIES
    if behind_proxy() and proxies == 0:
        found.append(
            warning(
                gettext_noop(
                    "A proxy forwards the requests but COMMENTS_TRUSTED_PROXIES is 0: every "
                    "reader seems to come from the proxy's address, so the whole site shares "
                    "one hourly comment limit and one sign-in lockout."
                ),
                gettext_noop(
                    "Set COMMENTS_TRUSTED_PROXIES to the number of proxies that append to "
                    "X-Forwarded-For (1 for one load balancer)."
                ),
                "newsroom.W002",
            )
        )
    if not behind_proxy() and proxies > 0:
        found.append(
            warning(
                gettext_noop(
                    "COMMENTS_TRUSTED_PROXIES is above 0 but nothing says a proxy is in front "
                    "(no SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST or FORWARDED_ALLOW_IPS): "
                    "without one, anyone can fake X-Forwarded-For and escape the limits."
                ),
                gettext_noop(
                    "Set COMMENTS_TRUSTED_PROXIES=0 when clients reach the app directly; behind "
                    "a proxy, also set SECURE_PROXY_SSL_HEADER=1 (TLS) or FORWARDED_ALLOW_IPS."
                ),
                "newsroom.W003",
            )
        )
    return found
