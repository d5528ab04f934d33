from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project itself, installed so that its system checks are registered."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin
        from django.db import connections

        from . import checks  # noqa: F401 (registers the deployment checks)
        from .desk_search import fold_search_fields

        # Listed after django.contrib.admin: every app's admin is registered by now.
        fold_search_fields(admin.site)

        if settings.DB_WAIT_SECONDS and any(
            c.vendor == "postgresql" for c in connections.all(initialized_only=False)
        ):
            from . import database_wait

            connect = settings.DATABASES["default"]["OPTIONS"]["connect_timeout"]
            database_wait.install(settings.DB_WAIT_SECONDS, connect)
