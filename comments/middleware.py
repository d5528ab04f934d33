"""Keeping pages that show a reader's own pending comments out of shared caches."""

from django.utils.cache import patch_cache_control


class PrivateOwnCommentsMiddleware:
    """Mark a response `Cache-Control: private` when its page was rendered for one browser.

    The comment block sets `request.shows_own_comments` when it renders the
    comments this browser is waiting on (see comments/views.py for the design).
    Place it after any site-wide UpdateCacheMiddleware in MIDDLEWARE, so the
    marking happens before that cache decides whether to store the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "shows_own_comments", False):
            patch_cache_control(response, private=True)
        return response
