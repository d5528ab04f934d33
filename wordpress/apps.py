from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    """Moving a WordPress newsroom in: `import_wordpress` and the old addresses' redirects."""

    name = "wordpress"
    verbose_name = _("Moved from WordPress")
