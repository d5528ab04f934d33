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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].required = False

    def clean_published_at(self):
        return self.cleaned_data.get("published_at") or timezone.now()
