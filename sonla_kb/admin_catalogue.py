"""Messages of Django's admin and of the admin's add-ons, translated in the site's own catalogue.

Django's Vietnamese admin catalogue lacks some messages, or has them in an older form:
"Please correct the error below." became a plural message, which the Vietnamese
catalogue still has as two singular ones, so it shows in English. django-simple-history,
django-taggit, django-axes and django-import-export ship no Vietnamese at all. The
site's catalogue (LOCALE_PATHS) comes first, so translating these messages there fixes
them; listing them here, exactly as those packages write them, keeps `makemessages`
from dropping them. Nothing here is called at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

DJANGO_ADMIN = (
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
    gettext_noop("Error:"),
    # Django's Vietnamese says "Bởi …" (by, as in "written by"): "Theo …" is what is meant.
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Skip to main content"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Sidebar"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select this object for an action - {}"),
    ngettext_lazy("entry", "entries"),
)

SIMPLE_HISTORY = (
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("You may edit it again below"),
)

TAGGIT = (
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
)

AXES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
)

IMPORT_EXPORT = (
    gettext_noop(
        "No valid data to import. Ensure your file has the correct headers or data for import."
    ),
)
