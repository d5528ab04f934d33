"""The desk's form of a live update, for the inline and for posting at once."""

from django import forms
from django.utils import timezone

from .models import LiveUpdate


class LiveUpdateForm(forms.ModelForm):
    """An update; its time is now unless the editor gives another."""

    class Meta:
        model = LiveUpdate
        fields = ["published_at", "text", "image", "embed_url"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    embed_url = forms.URLField(
        label=LiveUpdate._meta.get_field("embed_url").verbose_name,
        help_text=LiveUpdate._meta.get_field("embed_url").help_text,
        max_length=LiveUpdate._meta.get_field("embed_url").max_length,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].required = False

    def clean_published_at(self):
        return self.cleaned_data.get("published_at") or timezone.now()
