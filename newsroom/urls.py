from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from newsroom import health

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("The editor's desk")

urlpatterns = [
    # The body editor's dialogs ask window.gettext for their words; this catalog
    # gives them Arabic (locale/ar/LC_MESSAGES/djangojs.po).
    path(
        "admin/editor-i18n.js",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="editor-i18n",
    ),
    path("admin/", include("staff.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("comments/", include("comments.urls")),
    path("", include("newsdesk.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path("", include("distribution.urls")),
]

if settings.DEBUG and settings.MEDIA_STORAGE == "local":
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
