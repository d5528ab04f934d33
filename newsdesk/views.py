"""The newsdesk's reader endpoints: the read beacon, the live fragment, the IndexNow key."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from comments.visitors import client_ip

from . import live, readers
from .forms import LiveUpdateForm
from .models import LiveCoverage

# An open live page asks for its updates this often (static/js/newsdesk.js
# polls every 20 seconds); the fragment is the same for every reader.
LIVE_FRAGMENT_MAX_AGE = 10


@csrf_exempt  # no cookie, no session, nothing to forge: a count is all it makes
@require_POST
def read_beacon(request, pk):
    """Count one view of an article (not a reader's repeat, not a flood): the answer is
    the same either way. Only keyed hashes of the reader reach the cache (readers.py)."""
    readers.count_read(pk, client_ip(request), request.headers.get("User-Agent", ""))
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def live_updates(request, pk):
    """The updates of a live article as an HTML fragment, newest first, for polling."""
    article = Article.objects.published().filter(pk=pk).only("pk", "slug").first()
    coverage = live.coverage_of(pk) if article else None
    if coverage is None:
        raise Http404
    response = render(request, "newsdesk/live_updates.html", {"coverage": coverage})
    response["X-Latest-Update"] = str(coverage.latest_id)
    patch_cache_control(response, public=True, max_age=LIVE_FRAGMENT_MAX_AGE)
    return response


@require_GET
def indexnow_key(request, key):
    """The IndexNow key file, which proves the pings come from this site."""
    if not settings.INDEXNOW_KEY or key != settings.INDEXNOW_KEY:
        raise Http404
    return HttpResponse(settings.INDEXNOW_KEY, content_type="text/plain; charset=utf-8")


@require_POST
def post_live_update(request, pk):
    """Publish a live update at once from the article form (static/js/live-desk.js).

    Whoever may change the article may post. Answers JSON: the update's HTML as
    readers see it, or the form's errors in Arabic; nothing is saved on error.
    """
    article = Article.objects.on_desk_of(request.user).filter(pk=pk).first()
    article_admin = admin.site.get_model_admin(Article)
    if article is None or not article_admin.has_change_permission(request, article):
        raise Http404
    form = LiveUpdateForm(request.POST)
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {' '.join(messages)}" if name in form.fields else messages
            for name, messages in form.errors.items()
        ]
        return JsonResponse({"errors": errors}, status=400)
    form.instance.article = article
    update = form.save()
    LiveCoverage.objects.update_or_create(article=article, defaults={"is_live": True})
    html = render_to_string(
        "newsdesk/live_updates.html", {"coverage": live.Coverage(True, [update])}, request
    )
    return JsonResponse({"id": update.pk, "html": html}, status=201)
