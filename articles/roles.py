"""The newsroom's roles and permissions as the desk shows them.

Roles are Django groups whose stable English names (Editors, Writers,
Moderators) the code and the migrations use; permissions are rows whose names
Django wrote in English when it made them. People see both in Arabic: a group
by its name in the catalogue (context "group name"), a permission by its
action on its model («إضافة المقالات»).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext, pgettext, pgettext_lazy

ACTIONS = {
    "add": pgettext_lazy("permission", "add %(models)s"),
    "change": pgettext_lazy("permission", "change %(models)s"),
    "delete": pgettext_lazy("permission", "delete %(models)s"),
    "view": pgettext_lazy("permission", "view %(models)s"),
}


def group_label(group):
    return pgettext("group name", group.name)


def permission_label(permission):
    """«المقالات | إضافة المقالات»: the app, then what the permission allows, in Arabic."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is not None and action in ACTIONS and model_name == model._meta.model_name:
        allows = ACTIONS[action] % {"models": model._meta.verbose_name_plural}
    else:
        allows = gettext(permission.name)
    try:
        app = apps.get_app_config(content_type.app_label).verbose_name
    except LookupError:
        app = content_type.app_label
    return f"{app} | {allows}"


def show_in_arabic():
    """Called once from the app's ready(): every list and form names roles and permissions so."""
    Group.__str__ = group_label
    Permission.__str__ = permission_label
