"""Old WordPress addresses answered with a 301, looked up only when nothing else answered."""

from django.http import HttpResponsePermanentRedirect

from .models import QUERY_KEYS, OldAddress, address_key


class OldAddressMiddleware:
    """After a 404, one indexed query: is this an address of the old site?

    The old site's "plain" addresses (/?p=12) reach the front page, which
    answers 200, so those few are looked up before the page is made.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and any(key in request.GET for key in QUERY_KEYS):
            redirect = self.redirect(request)
            if redirect is not None:
                return redirect
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return self.redirect(request) or response
        return response

    def redirect(self, request):
        key, is_feed = address_key(request.path, request.GET)
        if len(key) > OldAddress._meta.get_field("path").max_length:
            return None
        if key == "/" and not is_feed:
            return None
        old = OldAddress.objects.with_targets().filter(path=key).first()
        if old is None and key == "/":  # /feed/: the site's feed, imported or not
            old = OldAddress()
        if old is None:
            return None
        return HttpResponsePermanentRedirect(old.new_address(feed=is_feed))
