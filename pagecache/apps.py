from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import purging

        # Generic receivers: any model instance with a cache_tags() method.
        post_save.connect(purging.purge_after_save, dispatch_uid="pagecache.save")
        pre_delete.connect(purging.note_before_delete, dispatch_uid="pagecache.pre_delete")
        post_delete.connect(purging.purge_after_delete, dispatch_uid="pagecache.delete")
        m2m_changed.connect(purging.purge_after_relations_change, dispatch_uid="pagecache.m2m")
