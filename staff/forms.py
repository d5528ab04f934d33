from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six digits an authenticator app shows, checked against the staff member's device."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a moment, then try again."), code="throttled"
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is wrong or has expired. Enter the code your app shows now."),
                code="wrong",
            )
        return code


class UnlockForm(forms.Form):
    """A superuser lifts a sign-in lockout for an account, an address, or both."""

    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    ip_address = forms.GenericIPAddressField(label=_("IP address"), required=False)
    forget_authenticator = forms.BooleanField(
        label=_("Also remove this account's authenticator app"),
        help_text=_("For a lost phone: the next sign-in sets up a new app."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("username") and not cleaned.get("ip_address"):
            raise forms.ValidationError(_("Enter a username, an IP address, or both."))
        if cleaned.get("forget_authenticator") and not cleaned.get("username"):
            self.add_error("username", _("Enter the account whose app to remove."))
        return cleaned
