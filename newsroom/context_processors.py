from django.conf import settings
from django.templatetags.static import static

from articles.models import Category
from newsroom.site import site_name


def site_logo():
    """The masthead's logo address (SITE_LOGO: a static path or an address), or ""."""
    logo = settings.SITE_LOGO
    if not logo or logo.startswith(("http://", "https://", "/")):
        return logo
    return static(logo)


def site(request):
    """The site's name and the sections for the navigation, on every page."""
    return {
        "site_name": site_name(),
        "site_logo": site_logo(),
        "nav_sections": Category.objects.all(),
    }
