"""Public pages of the policy register and the study: they validate input and call selectors."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from presentations.selectors import feedback_about
from sonla_kb.caching import cached_page
from sonla_kb.i18n import interface_language
from sonla_kb.listing import ListParameterError, paginate
from sonla_kb.provenance.counts import policy_counts
from sonla_kb.search import related_records

from . import selectors
from .forms import PolicyFilterForm
from .models import PolicyMeasure

POLICIES_PER_PAGE = 20


@cached_page
def policy_list(request: HttpRequest) -> HttpResponse:
    """The policy measures, filtered, sorted and paginated; a bad parameter is a 400."""
    form = PolicyFilterForm(request.GET)
    context = {
        "form": form,
        "page_obj": None,
        "policies": [],
        "active_filters": [],
        "error": "",
        "counts": policy_counts(),
    }
    if form.is_valid():
        context["active_filters"] = form.active_filters(request.GET)
        try:
            page = paginate(
                selectors.policy_list(**form.filters(), language=interface_language()),
                page=form.cleaned_data["page"],
                per_page=POLICIES_PER_PAGE,
            )
        except ListParameterError as error:
            context["error"] = str(error)
        else:
            context.update(page_obj=page, policies=page.object_list)
    else:
        context["error"] = form.error_message()
    status = 400 if context["error"] else 200
    return render(request, "policies/policy_list.html", context, status=status)


@cached_page
def policy_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One policy measure with what the workshop said about it."""
    try:
        policy = selectors.policy_detail(key=key)
    except PolicyMeasure.DoesNotExist:
        raise Http404(_("There is no policy measure with this key.")) from None
    context = {
        "policy": policy,
        "feedback": list(feedback_about(record=policy)),
        "related": related_records(policy),
    }
    return render(request, "policies/policy_detail.html", context)


@cached_page
def study(request: HttpRequest) -> HttpResponse:
    """The study, with the published feedback about it."""
    current = selectors.current_study()
    if current is None:
        raise Http404(_("The study has not been added yet."))
    context = {
        "study": current,
        "feedback": list(feedback_about(record=current)),
        "related": related_records(current),
    }
    return render(request, "policies/study.html", context)
