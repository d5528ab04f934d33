"""Project-wide request hygiene."""

from django.conf import settings
from django.core.exceptions import BadRequest

from arabic.digits import arabic_indic_html


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


class ReaderDigitsMiddleware:
    """With DIGITS = "arabic-indic", every number in a reader page's text is written ٠١٢٣.

    One place for dates, counts, pagination and the text itself; addresses,
    attributes, scripts and the admin keep Latin digits. What readers type is
    read either way (Python's int() and the search normalizer take both).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DIGITS == "arabic-indic"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
        ):
            charset = response.charset
            response.content = arabic_indic_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
