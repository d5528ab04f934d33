from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# Migrations after which every search document must be built again (what a
# document holds changed); they hold no operation of their own for it.
REBUILDING_MIGRATIONS = {"0004_particle_bodies"}


def rebuild_after_migrations(sender, plan=None, using="default", **kwargs):
    """post_migrate: enqueue the rebuild of every document once a migration in
    REBUILDING_MIGRATIONS has just been applied (one task per batch of articles)."""
    applied = {m.name for m, backwards in plan or () if m.app_label == "search" and not backwards}
    if applied & REBUILDING_MIGRATIONS:
        from .tasks import enqueue_rebuild

        enqueue_rebuild()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # The articles app knows nothing of search: search follows its saves.
        from articles.models import Article

        from .documents import index_saved_article

        post_save.connect(index_saved_article, sender=Article, dispatch_uid="search.index_article")
        post_migrate.connect(rebuild_after_migrations, sender=self, dispatch_uid="search.rebuild")
