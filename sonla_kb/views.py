"""The home page and the theme pages: they call selectors and render."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from policies.selectors import indicator_list, latest_policies
from presentations.selectors import current_workshop

from . import charts, selectors
from .caching import cached_page
from .i18n import interface_language
from .provenance.counts import record_counts
from .provenance.sources import indicator_sources
from .themes import Theme

HOME_LATEST_POLICIES = 5


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """The workshop in brief, the key figures, the latest policies and the themes."""
    indicators = indicator_list()
    context = {
        "workshop": current_workshop(),
        "indicators": indicators,
        "indicator_sources": indicator_sources(indicators, language=interface_language()),
        "record_counts": record_counts(),
        "key_charts": charts.key_figure_charts(indicators),
        "timeline": charts.policy_timeline(),
        "latest_policies": latest_policies(limit=HOME_LATEST_POLICIES),
        "themes": list(selectors.themes_with_counts()),
    }
    return render(request, "sonla_kb/home.html", context)


@cached_page
def theme_list(request: HttpRequest) -> HttpResponse:
    """Every theme with how many records it has."""
    context = {"themes": list(selectors.themes_with_counts())}
    return render(request, "sonla_kb/theme_list.html", context)


@cached_page
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything under one theme: policies, presentations, the study, published feedback."""
    try:
        theme = selectors.theme_detail(slug=slug)
    except Theme.DoesNotExist:
        raise Http404(_("There is no theme with this name.")) from None
    context = {"theme": theme, "records": selectors.theme_records(theme=theme)}
    return render(request, "sonla_kb/theme_detail.html", context)
