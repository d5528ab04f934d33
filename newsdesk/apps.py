from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsdeskConfig(AppConfig):
    name = "newsdesk"
    verbose_name = _("Newsdesk")

    def ready(self):
        # The reader pages expose slots; the newsdesk fills these.
        from articles import page_slots

        from . import signals  # noqa: F401 (connects the receivers)

        page_slots.register("site_top", "newsdesk/slots/site_top.html")
        page_slots.register("article_head", "newsdesk/slots/article_head.html")
        page_slots.register("after_byline", "newsdesk/slots/after_byline.html")
        page_slots.register("after_article", "newsdesk/slots/after_article.html")
        page_slots.register("home_aside", "newsdesk/slots/most_read.html")
        page_slots.register("article_aside", "newsdesk/slots/most_read.html")
