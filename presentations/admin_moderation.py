"""The moderation queue in the admin: unpublished feedback, oldest first, one click each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Feedback
from .moderation import awaiting_moderation, recently_published, set_published


class ModerationAdminMixin:
    """For FeedbackAdmin: the queue page, and a POST that publishes or unpublishes one item."""

    def get_urls(self):
        """The queue and the one-click view, before the catch-all of the change view."""
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("moderation/", wrap(self.moderation_view), name=f"{info}_moderation"),
            path(
                "<int:pk>/moderate/",
                wrap(require_POST(self.moderate_view)),
                name=f"{info}_moderate",
            ),
            *super().get_urls(),
        ]

    def moderation_view(self, request: HttpRequest) -> TemplateResponse:
        """Unpublished feedback oldest first, and the latest published, each with its button."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Feedback awaiting moderation"),
            "opts": self.opts,
            "waiting": awaiting_moderation(),
            "recent": recently_published(),
            "can_change": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/presentations/moderation.html", context)

    def moderate_view(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        """Publish (published=1) or unpublish (published=0) one item, then back to the queue."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        feedback = get_object_or_404(Feedback, pk=pk)
        wanted = request.POST.get("published")
        if wanted not in ("0", "1"):
            messages.error(request, _("Nothing was changed: choose publish or unpublish."))
        else:
            published = wanted == "1"
            set_published(Feedback.objects.filter(pk=feedback.pk), published=published)
            template = _("“%(key)s” is published.") if published else _("“%(key)s” is unpublished.")
            messages.success(request, template % {"key": feedback.key})
        queue = reverse(f"{self.admin_site.name}:{self.opts.app_label}_feedback_moderation")
        return HttpResponseRedirect(queue)
