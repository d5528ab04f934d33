from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        # The reader pages expose slots; distribution fills their heads.
        from articles import page_slots

        for slot in ("site_head", "home_head", "article_head", "section_head", "tag_head",
                     "author_head"):  # fmt: skip
            page_slots.register(slot, f"distribution/slots/{slot}.html")
