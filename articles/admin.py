from django import forms
from django.contrib import admin, messages
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from simple_history.admin import SimpleHistoryAdmin
from taggit.admin import TagAdmin
from taggit.models import Tag

from images import processing
from images.admin import (
    PICKER_MEDIA,
    LeadImageWidget,
    LibraryImageField,
    StoresUploadOnClean,
    library_urls,
)
from images.models import Image

from . import corrections, edit_lock, workflow
from .body import sanitize_body
from .models import Article, Author, Category, Correction
from .revisions import TextChanges


class DeskExtension:
    """What another app adds to the article desk, without the articles app knowing it.

    The comments app adds pending-comment counts to the list and a summary to the
    form. An app appends an instance to `ArticleAdmin.extensions` from its admin
    module. Columns and form fields are admin display callables taking an article.
    """

    fieldset_title = None
    # Verbose names of objects deleted with an article that need no permission of their own.
    deleted_with_article = ()

    def annotate(self, request, queryset):
        return queryset

    def list_columns(self, request):
        return []

    def form_fields(self, request, obj):
        return []


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_changeform_initial_data(self, request):
        # Django would offer 0, and a new section would lead the navigation.
        return {
            "position": Category.next_position(),
            **super().get_changeform_initial_data(request),
        }


# django-taggit's tag admin speaks English that cannot be translated (its merge
# action and screen) and lists raw content types in an inline: the desk's tags
# have neither.
admin.site.unregister(Tag)


@admin.register(Tag)
class DeskTagAdmin(TagAdmin):
    inlines = []
    actions = []


class AuthorForm(StoresUploadOnClean, forms.ModelForm):
    photo = LibraryImageField(label=_("photo"), required=False)
    upload_field = "photo"

    def develop_upload(self, upload):
        processing.store_developed(upload)  # the headshot, clean; Author.save() finds it stored


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


# The editor's toolbar: exactly what sanitize_body keeps (tested), nothing more.
# LibraryFigure, LibraryUploads, EmbedHints and DeskToolbar are ours (articles/static/articles/
# body-editor.js, declared in settings.DJANGO_PROSE_EDITOR_EXTENSIONS).
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    "LibraryFigure": True,
    "LibraryUploads": True,
    "EmbedHints": True,
    "DeskToolbar": True,
}


class BodyEditorWidget(AdminProseEditorWidget):
    """The body editor, right to left, knowing where the image library answers."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-image-library": "",
                **{f"data-library-{key}": url for key, url in library_urls().items()},
            }
        )
        return context

    @property
    def media(self):
        return super().media + PICKER_MEDIA + forms.Media(css={"all": ["articles/body-editor.css"]})


class ArticleForm(forms.ModelForm):
    """The article form, which knows who is at the desk.

    Writers may not publish, schedule or feature: the rule is enforced here,
    on the server, whatever the browser sends. Nobody publishes an article
    whose lead image has no alt text.
    """

    body = ProseEditorFormField(
        label=_("body"),
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=sanitize_body,
        widget=BodyEditorWidget(attrs={"dir": "rtl", "lang": "ar"}),
        help_text=Article._meta.get_field("body").help_text,
    )
    lead_image = forms.ModelChoiceField(
        Image.objects.all(),
        label=_("lead image"),
        required=False,
        widget=LeadImageWidget,
        help_text=Article._meta.get_field("lead_image").help_text,
    )

    # The version the form was opened at (articles/edit_lock.py).
    loaded_version = edit_lock.VersionField()

    # Set by ArticleAdmin.get_form for each request.
    desk_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new article starts with its title, as on any writing desk.
        if self.instance.pk is None and "title" in self.fields:
            self.fields["title"].widget.attrs["autofocus"] = True
        self.initial["loaded_version"] = edit_lock.stored_version(self.instance)
        if self.desk_user is not None and "status" in self.fields:
            self.fields["status"].choices = workflow.statuses_for(self.desk_user)

    # What only editors may change, with the value of a new article.
    EDITORS_ONLY = {"published_at": None, "is_featured": False, "comments_open": True}

    def clean_published_at(self):
        # The form shows whole seconds: the same second is the stored time, not
        # a change to record in the history.
        value, stored = self.cleaned_data.get("published_at"), self.instance.published_at
        if value and stored and value == stored.replace(microsecond=0):
            return stored
        return value

    def clean(self):
        cleaned = super().clean()
        stale = edit_lock.stale_save_error(self)
        if stale is not None:
            raise stale
        if self.desk_user is not None and not Article.may_publish(self.desk_user):
            self.clean_for_writer(cleaned)
        lead = cleaned.get("lead_image")
        if cleaned.get("status") == Article.Status.PUBLISHED and lead and not lead.alt_text:
            self.add_error(
                "lead_image",
                forms.ValidationError(
                    _(
                        "The lead image has no alt text, so the article cannot be published. "
                        "Describe the image in the image library, then publish."
                    ),
                    code="lead_alt_missing",
                ),
            )
        return cleaned

    def clean_for_writer(self, cleaned):
        if not hasattr(self.desk_user, "author"):
            raise forms.ValidationError(
                _(
                    "Your account is not linked to an author, so the article would not "
                    "be yours. Ask an editor to link your account to your byline."
                ),
                code="no_byline",
            )
        refusal = workflow.refusal(self.desk_user, cleaned.get("status"))
        if refusal is not None:
            self.add_error("status", refusal)
        current = (
            Article.objects.filter(pk=self.instance.pk).values(*self.EDITORS_ONLY).first()
            if self.instance.pk
            else None
        ) or self.EDITORS_ONLY
        for field in self.EDITORS_ONLY:
            if field in cleaned and cleaned[field] != current[field]:
                self.add_error(
                    field,
                    forms.ValidationError(
                        _("Only editors can change this."), code="publish_denied"
                    ),
                )


class PublicationStateFilter(admin.SimpleListFilter):
    """Where articles stand: in the writers' hands, with the editors, or with readers."""

    title = _("publication")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Waiting for review")),
            ("returned", _("Came back from review")),
            ("scheduled", _("Scheduled")),
            ("recent", _("Published in the last 24 hours")),
            ("published", _("Published")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.waiting_for_review()
            case "returned":
                return queryset.returned()
            case "scheduled":
                return queryset.scheduled()
            case "recent":
                return queryset.published().filter(published_at__gte=workflow.recent_since())
            case "published":
                return queryset.published()
            case "draft":
                return queryset.drafts()
        return queryset


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    list_display = ["title", "category", "publication", "is_featured", "preview_link"]
    list_filter = [PublicationStateFilter, "category", "authors", "published_at", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    actions = ["publish_now"]
    inlines = [corrections.CorrectionInline]
    extensions = []  # DeskExtension instances, added by other apps

    class Media:
        css = {"all": ["css/desk-admin.css"]}
        js = [reverse_lazy("editor-i18n"), "js/desk-admin.js", "js/desk-editing.js"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "loaded_version"]}),
        (_("Section, authors and tags"), {"fields": ["category", "authors", "tags"]}),
        (
            _("Lead image"),
            {
                "fields": ["lead_image"],
                "description": _(
                    "Choose a photo in the image library, or upload one there; "
                    "its alt text and caption can be written there too."
                ),
            },
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "review_note",
                    "published_at",
                    "is_featured",
                    "comments_open",
                ],
                "description": _("Only editors can publish, schedule or feature an article."),
            },
        ),
    ]

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        if not (obj.is_scheduled or obj.is_published):
            return obj.get_status_display()  # a draft, or ready for review
        state = (
            format_html('<strong class="state-scheduled">{}</strong>', _("Scheduled"))
            if obj.is_scheduled
            else _("Published")
        )
        return format_html(
            '{} <time datetime="{}">{}</time>',
            state,
            obj.published_at.isoformat(),
            date_format(timezone.localtime(obj.published_at), "j F Y، H:i"),
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_preview_url(), _("Preview"))

    def view_on_site(self, obj):
        # Before readers can see it, "view on site" is the staff preview.
        return obj.get_absolute_url() if obj.is_published else obj.get_preview_url()

    def get_historical_record_context_helper(self, request, historical_record):
        return TextChanges(self.model, historical_record)

    # Roles: editors see and change everything; writers see the articles that
    # carry their byline and change them only while they are drafts.

    def get_queryset(self, request):
        articles = super().get_queryset(request).on_desk_of(request.user)
        for extension in self.extensions:
            articles = extension.annotate(request, articles)
        return articles

    def get_list_display(self, request):
        added = [c for extension in self.extensions for c in extension.list_columns(request)]
        return [*super().get_list_display(request), *added]

    def get_readonly_fields(self, request, obj=None):
        added = [f for extension in self.extensions for f in extension.form_fields(request, obj)]
        # Writers read the editor's note; they do not write it.
        if not Article.may_publish(request.user):
            added.append("review_note")
        return [*super().get_readonly_fields(request, obj), *added]

    def get_fieldsets(self, request, obj=None):
        added = [
            (extension.fieldset_title, {"fields": fields})
            for extension in self.extensions
            if (fields := extension.form_fields(request, obj))
        ]
        fieldsets = [*super().get_fieldsets(request, obj), *added]
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only, nothing to save: no version to check.
            fieldsets = edit_lock.without_version(fieldsets)
        return fieldsets

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for extension in self.extensions:
            perms_needed.difference_update(extension.deleted_with_article)
        return deleted, model_count, perms_needed, protected

    def is_on_desk(self, request, obj):
        return Article.objects.on_desk_of(request.user).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        # Object checks query the database: history views hand us old versions.
        return allowed and (obj is None or obj.pk is None or self.is_on_desk(request, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None or Article.may_publish(request.user):
            return allowed
        return (
            Article.objects.on_desk_of(request.user)
            .filter(pk=obj.pk, status=Article.Status.DRAFT)
            .exists()
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.is_on_desk(request, obj))

    def has_publish_permission(self, request):
        return Article.may_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"desk_user": request.user})

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = getattr(request.user, "author", None)
        if author is not None and "authors" not in initial:
            initial["authors"] = [author.pk]
        return initial

    def get_inlines(self, request, obj):
        return corrections.inlines_for(super().get_inlines(request, obj), obj)

    def get_urls(self):
        return [*edit_lock.urls(self), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            edit_lock.tell_who_else(self, request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Compared with the database, not the form: restoring an old version
        # from the history is a change too.
        obj.note_revision(obj.public_text())
        workflow.note_transition(obj, workflow.stored_status(obj))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            corrections.save_new(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        # A writer's article must stay theirs: their byline is always on it.
        if not Article.may_publish(request.user):
            article.authors.add(request.user.author)
        for problem in article.missing_descriptions():
            self.message_user(request, problem, messages.WARNING)

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        drafts = queryset.filter(status__in=workflow.WRITER_STATUSES)
        no_alt = drafts.filter(lead_image__isnull=False, lead_image__alt_text="")
        for article in no_alt:
            self.message_user(
                request,
                _("«%(title)s» was not published: its lead image has no alt text.")
                % {"title": article.title},
                messages.ERROR,
            )
        count = 0
        # Each through save(), like any other change readers see: history, search, purges.
        for article in drafts.exclude(pk__in=no_alt.values("pk")):
            article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )
