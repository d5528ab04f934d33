"""No cached page outlives a breaking-news banner's start or expiry."""

from django.utils.cache import patch_cache_control

from .breaking import seconds_until_change


class BannerExpiryMiddleware:
    """Cap a page's max-age (and s-maxage) at the next banner change.

    Saving or deleting a banner purges the page caches (`cache_tags()`); a
    banner that simply expires saves nothing, so the pages that show it must
    not be kept past its expiry by any cache that honours max-age, Django's
    page cache included. List this middleware after the cache middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        seconds = seconds_until_change()
        if seconds is None:
            return response
        current = [
            int(part.split("=", 1)[1])
            for part in control.replace(" ", "").split(",")
            if part.startswith(("max-age=", "s-maxage="))
        ]
        if not current or min(current) > seconds:
            if "s-maxage=" in control:
                patch_cache_control(response, max_age=seconds, s_maxage=seconds)
            else:
                patch_cache_control(response, max_age=seconds)
        return response
