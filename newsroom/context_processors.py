from articles.models import Category
from newsroom.site import site_name


def site(request):
    """The site's name and the sections for the navigation, on every page."""
    return {
        "site_name": site_name(),
        "nav_sections": Category.objects.all(),
    }
