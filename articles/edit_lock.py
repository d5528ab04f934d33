"""Two people on one article: who else has it open, and no saving over a newer version.

While the article form is open its page tells the server so every minute
(static/js/desk-editing.js); a form not heard from for PRESENCE_WINDOW is
taken to be closed. Every save of an article raises its version; the form
carries the version it was opened at, and a save from an older one is refused
with what the other person saved and when. What was typed stays in the form.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Article, EditingSession

PRESENCE_WINDOW = timedelta(minutes=3)


def desk_name(user):
    """How colleagues know this user: their byline, full name, or user name."""
    author = getattr(user, "author", None)
    return (author and author.name) or user.get_full_name() or user.get_username()


def note_open(article, user):
    """This user has the article's form open now (a new opening if the last one lapsed)."""
    now = timezone.now()
    session, created = EditingSession.objects.get_or_create(
        article=article, user=user, defaults={"opened_at": now, "seen_at": now}
    )
    if not created:
        lapsed = session.seen_at < now - PRESENCE_WINDOW
        session.opened_at = now if lapsed else session.opened_at
        session.seen_at = now
        session.save(update_fields=["opened_at", "seen_at"])


def note_closed(article, user):
    EditingSession.objects.filter(article=article, user=user).delete()


def others_editing(article, user):
    """The other people who have the article's form open, first opened first."""
    since = timezone.now() - PRESENCE_WINDOW
    return list(
        EditingSession.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user__author")
        .order_by("opened_at")
    )


def presence_notice(session):
    """«هدى فارس تفتح هذه المقالة منذ 1 ديسمبر 2026، 10:41 (قبل 3 دقائق).»"""
    opened = timezone.localtime(session.opened_at)
    return _("%(name)s also has this article open, since %(time)s (%(span)s ago).") % {
        "name": desk_name(session.user),
        "time": date_format(opened, "DATETIME_FORMAT"),
        "span": timesince(session.opened_at),
    }


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(
            label=gettext_lazy("version opened"), required=False, min_value=0, **kwargs
        )


def without_version(fieldsets):
    """The fieldsets of a form that only shows the article (nothing to save, nothing to check)."""
    return [
        (title, {**options, "fields": [f for f in options["fields"] if f != "loaded_version"]})
        for title, options in fieldsets
    ]


def stored_version(article):
    """The version saved in the database (a form for restoring an old version holds
    that old one, whose fields are not the article's now)."""
    if article.pk is None:
        return article.version
    stored = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
    return article.version if stored is None else stored


def stale_save_error(form):
    """The error for saving a form opened before someone else saved the article, or None.

    The form's version is moved up to the stored one, so that a second save,
    made knowing of the other, replaces it (the history keeps both).
    """
    article = form.instance
    loaded = form.cleaned_data.get("loaded_version")
    if article.pk is None or loaded is None:
        return None
    current = stored_version(article)
    if loaded >= current:
        return None
    form.data = form.data.copy()
    form.data[form.add_prefix("loaded_version")] = current
    latest = article.history.select_related("history_user").first()
    who = desk_name(latest.history_user) if latest and latest.history_user else _("someone")
    when = timezone.localtime(latest.history_date if latest else timezone.now())
    history = reverse("admin:articles_article_history", args=[article.pk])
    return forms.ValidationError(
        format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
            _(
                "%(name)s saved a newer version of this article at %(time)s, after you "
                "opened it, so your changes were not saved. Nothing you typed is lost: "
                "it is still in the form below. Compare it with the newer version, then "
                "save again if yours should replace it."
            )
            % {"name": who, "time": date_format(when, "DATETIME_FORMAT")},
            history,
            _("See the newer version in the history"),
        ),
        code="stale_version",
    )


def tell_who_else(model_admin, request, object_id):
    """On opening the form: note that this user has it open, and say who else has."""
    # The admin's own lookup: an address that names no article is no error here.
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        return
    for session in others_editing(article, request.user):
        model_admin.message_user(request, presence_notice(session), messages.WARNING)
    note_open(article, request.user)


def presence_view(model_admin, still_open):
    """The form's page says it is still open, and hears who else has it open now
    (JSON: {"others": [notice, …]}); or it says it closed (204, nothing to hear)."""

    def view(request, object_id):
        if request.method != "POST":
            raise Http404
        article = model_admin.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not still_open:
            note_closed(article, request.user)
            return HttpResponse(status=204)
        note_open(article, request.user)
        others = [presence_notice(session) for session in others_editing(article, request.user)]
        return JsonResponse({"others": others})

    return model_admin.admin_site.admin_view(view)


def urls(model_admin):
    return [
        path(
            "<path:object_id>/still-open/",
            presence_view(model_admin, True),
            name="articles_article_still_open",
        ),
        path(
            "<path:object_id>/closed/",
            presence_view(model_admin, False),
            name="articles_article_closed",
        ),
    ]
