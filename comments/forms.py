"""The readers' comment form: what it accepts, and the quiet checks against robots."""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment

FORM_SALT = "comments.form"
HONEYPOT = "reference"

# Control characters, invisible formatting marks (bidi overrides and isolates,
# zero-width characters, the Arabic letter mark...), private-use and surrogates.
NAME_STRIPPED = {"Cc", "Cf", "Co", "Cs"}
# In comment text, joiners stay: they shape Persian and Urdu words and emoji.
BODY_KEPT = {"\n", "\t", "\u200c", "\u200d"}


def form_token(article, issued=None):
    """A signed note of which article the form belongs to and when it was shown."""
    issued = time.time() if issued is None else issued
    return signing.dumps({"article": article.pk, "issued": issued}, salt=FORM_SALT)


def clean_name(value):
    """A display name without control or invisible characters, and with single spaces."""
    visible = "".join(ch for ch in value if unicodedata.category(ch) not in NAME_STRIPPED)
    return " ".join(visible.split())


def clean_body(value):
    """Comment text with Unix line breaks and without control or direction-override characters."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(
        ch for ch in value if ch in BODY_KEPT or unicodedata.category(ch) not in NAME_STRIPPED
    )
    return value.strip()


class CommentForm(forms.Form):
    """A reader's comment: name, email and text, optionally in reply to another comment."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Please write your name."),
            "max_length": _("The name is too long: at most 100 characters."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "name", "aria-required": "true", "dir": "auto"}
        ),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Your email address will not be published."),
        error_messages={
            "required": _("Please write your email address."),
            "invalid": _("Please enter a valid email address, such as name@example.com."),
            "max_length": _("The email address is too long."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "aria-required": "true", "dir": "ltr"}
        ),
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _("The comment is too long: at most 5,000 characters."),
        },
        widget=forms.Textarea(attrs={"rows": 6, "aria-required": "true", "dir": "auto"}),
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Two more inputs are written by the template and read from the raw data:
    # the honeypot (HONEYPOT), which robots fill in and people never see, and
    # "issued", the signed time the form was shown (form_token).

    def __init__(self, *args, article, **kwargs):
        self.article = article
        self.reply_target_id = None
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean_body(self):
        body = clean_body(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        return body

    def clean_reply_to(self):
        pk = self.cleaned_data.get("reply_to")
        if pk is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(article=self.article, pk=pk)
            .only("pk", "parent_id", "name")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                gettext("The comment you are replying to is no longer available.")
            )
        # Replies are shown one level deep: a reply to a reply joins its thread.
        self.reply_target_id = parent.parent_id or parent.pk
        return pk

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT):
            raise forms.ValidationError(
                gettext(
                    "Your comment could not be accepted because a hidden field was filled in. "
                    "If you are a person, please reload the page and try again."
                ),
                code="honeypot",
            )
        self._check_timing()
        return cleaned

    def _check_timing(self):
        try:
            token = signing.loads(self.data.get("issued", ""), salt=FORM_SALT)
            issued = float(token["issued"])
            for_this_article = token["article"] == self.article.pk
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            for_this_article = False
        if not for_this_article:
            raise forms.ValidationError(
                gettext("This form is out of date. Please reload the page and send it again."),
                code="token",
            )
        if time.time() - issued > settings.COMMENTS_FORM_MAX_AGE:
            raise forms.ValidationError(
                gettext(
                    "This form was opened too long ago. Please reload the page and send "
                    "your comment again; it is kept below for you to copy."
                ),
                code="expired",
            )
        if time.time() - issued < settings.COMMENTS_MIN_SUBMIT_SECONDS:
            raise forms.ValidationError(
                gettext(
                    "That was faster than anyone can write a comment. "
                    "Please wait a moment and send it again."
                ),
                code="too_fast",
            )
