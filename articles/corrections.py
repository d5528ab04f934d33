"""Correction notes: what an editor tells readers was wrong in a published article.

Readers see them at the end of the article («تصحيح: …» with its time), they go
into the article's JSON-LD (`correction`) and move its update time, which the
feeds and sitemaps read. Fixing a typo without a note stays silent.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Article, Correction


class CorrectionInline(admin.TabularInline):
    """Editors add a correction to a published article; a published note stays as it is."""

    model = Correction
    fields = ["text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    extra = 1
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    verbose_name = _("correction note")
    verbose_name_plural = _("correction notes: what readers are told was wrong")

    def get_max_num(self, request, obj=None, **kwargs):
        # One new note at a time, under the ones already published.
        return (obj.corrections.count() if obj else 0) + 1

    def has_view_permission(self, request, obj=None):
        return Article.may_publish(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.is_published and Article.may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def save_new(request, formset):
    """Save the notes added on the article form, signed by the editor who added them."""
    for correction in formset.save(commit=False):
        correction.created_by = request.user
        correction.save()


def inlines_for(inlines, article):
    """The article form's inlines: correction notes only once readers can see the article."""
    if article is not None and article.is_published:
        return inlines
    return [inline for inline in inlines if inline is not CorrectionInline]
