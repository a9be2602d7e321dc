"""Record history in the admin: every version viewable and revertible, deleted records restorable.

django-simple-history keeps a version of a record at each save and at its deletion;
SimpleHistoryAdmin shows them under "History" and reverts to any of them. This adds the
page staff need to bring back a record that is gone: the list of deleted records, each
linked to its last version, where "Revert" saves it again (under its old id, so links to
it work again, and the search index follows as for any save). A version's page offers
the themes the record had then (sonla_kb.history keeps them with each version).
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .history import ThemesSnapshot
from .themes import Theme

DELETED_SHOWN = 200
# The one inline style in simple-history's pages; the Content-Security-Policy refuses it.
_INLINE_STYLE = b' style="border-top: 0"'


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin, plus "Deleted records" beside "Add" on the list."""

    change_list_template = "admin/sonla_kb/change_list_with_deleted.html"

    def get_urls(self):
        """The deleted-records page first, before the catch-all of the change view."""
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        view = self.admin_site.admin_view(self.deleted_view)
        return [path("deleted/", view, name=name), *super().get_urls()]

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        """simple-history's list of versions, without its inline style."""
        response = super().history_view(request, object_id, extra_context)
        response.content = response.content.replace(_INLINE_STYLE, b"")
        return response

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        """On the page of an old version, that version's themes are chosen, not today's."""
        form_class = super().get_form(request, obj, **kwargs)
        version = getattr(obj, "_history", None)
        if not isinstance(version, ThemesSnapshot) or "tags" not in form_class.base_fields:
            return form_class
        same_name = Q(pk__in=[])
        for name in version.themes:
            same_name |= Q(name__iexact=name)
        themes = list(Theme.objects.filter(same_name))

        class VersionForm(form_class):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**(kwargs.get("initial") or {}), "tags": themes}
                super().__init__(*args, **kwargs)

        return VersionForm

    def deleted_records(self, *, limit: int = DELETED_SHOWN) -> list:
        """The latest deletion of each record that has not come back, newest first."""
        pk_name = self.opts.pk.attname
        present = self.model._default_manager.values(pk_name)
        deletions = (
            self.model.history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": present})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        seen, latest = set(), []
        for deletion in deletions.iterator():
            pk = getattr(deletion, pk_name)
            if pk not in seen:
                seen.add(pk)
                latest.append(deletion)
                if len(latest) >= limit:
                    break
        return latest

    def deleted_view(self, request: HttpRequest) -> TemplateResponse:
        """List deleted records, each with a link to review and restore its last version."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version_url = (
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_simple_history"
        )
        rows = [
            {
                "deletion": deletion,
                "record": deletion.instance,
                "restore_url": reverse(
                    version_url, args=[quote(deletion.instance.pk), deletion.history_id]
                ),
            }
            for deletion in self.deleted_records()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "opts": self.opts,
            "rows": rows,
            "limit": DELETED_SHOWN,
        }
        return TemplateResponse(request, "admin/sonla_kb/deleted_records.html", context)
