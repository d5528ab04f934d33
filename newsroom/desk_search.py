"""The desk's search boxes fold Arabic spelling (arabic/lookups.py), in every app's admin.

Apps list their `search_fields` as Django expects; at start-up each text field
among them is searched with the `folded` lookup instead of `icontains`, so
editors and moderators find «إسرائيل» by typing «اسرائيل» in any list, the
image picker included. Fields with a lookup or a prefix (^ = @) of their own
are left as written.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, TextField

from arabic import lookups


def fold_search_fields(site):
    """Make every text field in the site's search_fields a folded search."""
    lookups.register()
    for model_admin in site._registry.values():
        model_admin.search_fields = [
            folded(model_admin.model, name) for name in model_admin.search_fields
        ]


def folded(model, name):
    if name[:1] in "^=@":
        return name
    field = None
    for part in name.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return name  # already a lookup, or not a plain field path
        model = field.related_model or model
    return f"{name}__folded" if isinstance(field, (CharField, TextField)) else name
