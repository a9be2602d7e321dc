"""Public pages of the presentations and the feedback: they validate input and call selectors."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sonla_kb.caching import cached_page
from sonla_kb.listing import ListParameterError, paginate
from sonla_kb.search import related_records

from . import selectors
from .forms import FeedbackFilterForm
from .models import Presentation

FEEDBACK_PER_PAGE = 20


@cached_page
def presentation_list(request: HttpRequest) -> HttpResponse:
    """The presentations in running order."""
    context = {
        "presentations": list(selectors.presentation_list()),
        "workshop": selectors.current_workshop(),
    }
    return render(request, "presentations/presentation_list.html", context)


@cached_page
def presentation_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One presentation with the published feedback about it."""
    try:
        presentation = selectors.presentation_detail(key=key)
    except Presentation.DoesNotExist:
        raise Http404(_("There is no presentation with this key.")) from None
    context = {
        "presentation": presentation,
        "workshop": selectors.current_workshop(),
        "feedback": list(selectors.feedback_about(record=presentation)),
        "related": related_records(presentation),
    }
    return render(request, "presentations/presentation_detail.html", context)


@cached_page
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Published feedback, filtered by what it is about and by theme; a bad parameter is a 400."""
    form = FeedbackFilterForm(request.GET)
    context = {"form": form, "page_obj": None, "feedback": [], "active_filters": [], "error": ""}
    if form.is_valid():
        context["active_filters"] = form.active_filters(request.GET)
        try:
            page = paginate(
                selectors.feedback_list(**form.filters()),
                page=form.cleaned_data["page"],
                per_page=FEEDBACK_PER_PAGE,
            )
        except ListParameterError as error:
            context["error"] = str(error)
        else:
            context.update(page_obj=page, feedback=page.object_list)
    else:
        context["error"] = form.error_message()
    status = 400 if context["error"] else 200
    return render(request, "presentations/feedback_list.html", context, status=status)
