from django.conf import settings
from django.utils.translation import gettext

from .models import Category


def site(request):
    """The site's name and the sections for the navigation, on every page."""
    return {
        "site_name": settings.SITE_NAME or gettext("The Newsroom"),
        "nav_sections": Category.objects.all(),
    }
