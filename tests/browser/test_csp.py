"""The CSP watch itself: a page that breaks the policy is caught (so a clean run means clean)."""

from django.http import HttpResponse
from django.urls import path

from . import conftest
from .urls import urlpatterns as site_urlpatterns


def inline_script_page(request):
    return HttpResponse(
        '<!doctype html><html lang="ar"><body><p id="x">نص</p>'
        '<script>document.getElementById("x").textContent = "ran";</script></body></html>'
    )


urlpatterns = [path("csp-breaker/", inline_script_page), *site_urlpatterns]


def test_an_inline_script_is_blocked_and_reported(browser, site, settings):
    settings.ROOT_URLCONF = __name__
    context = browser.new_context(base_url=site.url)
    page = context.new_page()
    page.goto("/csp-breaker/")
    page.wait_for_timeout(200)
    assert page.locator("#x").inner_text() == "نص"  # the script never ran
    context.close()
    assert any("inline script" in found for found in conftest.CSP_VIOLATIONS)
    conftest.CSP_VIOLATIONS.clear()  # caught on purpose: this test must not fail for it
