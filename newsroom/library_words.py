"""Strings of Django and of libraries whose Arabic the project catalogue (locale/ar)
puts right: missing from their catalogues, ungrammatical or ill-spelled there.

Nothing calls this module. It names those strings so that `makemessages` keeps
them in our catalogue, which Django consults before the libraries' own.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

LIBRARY_WORDS = [
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such as "
        "Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Set password"),
    gettext_noop("Reset password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Password (again)"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Filter"),
    ngettext_lazy("%(num)d year", "%(num)d years"),
    ngettext_lazy("%(num)d month", "%(num)d months"),
    ngettext_lazy("%(num)d week", "%(num)d weeks"),
    ngettext_lazy("%(num)d day", "%(num)d days"),
    ngettext_lazy("%(num)d hour", "%(num)d hours"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Object"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("You may edit it again below"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Revert"),
    gettext_noop("Taggit"),
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
    pgettext_lazy("group name", "Editors"),
    pgettext_lazy("group name", "Writers"),
    pgettext_lazy("group name", "Moderators"),
    gettext_noop("0 of %(cnt)s selected"),
    gettext_noop("History"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected"),
]
