"""Project-wide request hygiene."""

import base64
import hashlib
import re

from django.conf import settings
from django.core.exceptions import BadRequest

from arabic.digits import arabic_indic_html


class PermissionsPolicyMiddleware:
    """Send PERMISSIONS_POLICY on every response: no page may use camera, microphone…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


class ImportMapHashMiddleware:
    """Allow a page's inline import map by its exact hash in the CSP's script-src.

    The body editor (django-prose-editor) names its modules in an inline
    `<script type="importmap">`, which browsers cannot load from a file and
    which a strict script-src refuses. An import map runs no code; allowing
    that exact text (its sha256) keeps every other inline script refused.
    Sits after django-csp's middleware, so the hash joins the policy it writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        hashes = [
            f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
            for body in IMPORT_MAP.findall(response.content)
        ]
        if hashes:
            update = getattr(response, "_csp_update", None) or {}
            update["script-src"] = [*update.get("script-src", []), *hashes]
            response._csp_update = update
        return response


class DeskStylesMiddleware:
    """Inline styles are allowed on the desk's pages (the admin), never scripts.

    The body editor and its menus (ProseMirror, Tiptap, django-prose-editor) set
    style attributes and insert small style elements as editors work; styles run
    no code. Reader pages keep the strict style-src. Sits after django-csp's
    middleware, so the replacement reaches the policy it writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            replace = getattr(response, "_csp_replace", None) or {}
            replace["style-src"] = ["'self'", "'unsafe-inline'"]
            response._csp_replace = replace
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
