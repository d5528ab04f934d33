from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import dashboard, roles  # noqa: F401  (dashboard registers its panels)

        roles.show_in_arabic()

        from taggit.models import Tag

        from .tags import tag_cache_tags

        # Tags are taggit's model: their cache_tags() (pagecache's contract) comes from here.
        Tag.cache_tags = tag_cache_tags
