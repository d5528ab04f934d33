"""Project-wide request hygiene."""

from django.conf import settings
from django.core.exceptions import BadRequest


class PermissionsPolicyMiddleware:
    """Send PERMISSIONS_POLICY on every response: no page may use camera, microphone…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RefuseNullCharactersMiddleware:
    """Answer 400 to a request whose path or query string carries a NUL character.

    No legitimate link contains one, and PostgreSQL refuses NUL in any text it
    is asked to compare, so such a value would otherwise surface as a 500 from
    whichever query (a page, an admin filter) it reached first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
