from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # The articles app knows nothing of search: search follows its saves.
        from articles.models import Article

        from .documents import index_saved_article

        post_save.connect(index_saved_article, sender=Article, dispatch_uid="search.index_article")
