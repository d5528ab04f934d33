from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        # The article page exposes slots; the comments app fills two of them.
        from articles import page_slots

        page_slots.register("article_head", "comments/slots/article_head.html")
        page_slots.register("after_article", "comments/slots/after_article.html")

        # The desk's home page shows moderators the comments waiting for them.
        from articles import dashboard

        from .dashboard import comments_awaiting_moderation

        dashboard.register(comments_awaiting_moderation)
