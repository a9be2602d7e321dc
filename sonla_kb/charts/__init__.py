"""Charts drawn on the server as inline SVG, each with a title, a description and a data table.

Nothing is fetched from elsewhere: the site must work on an intranet without the internet.
"""

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _

from sonla_kb.provenance.counts import policy_counts as real_and_sample

from .data import policy_counts
from .key_figures import KEYS, key_figure_charts
from .svg import Chart, DataTable
from .timeline import FIRST_YEAR, timeline_chart


def policy_timeline(*, last_year: int | None = None) -> Chart:
    """The timeline of policy measures from 2017 to this year (or last_year)."""
    last = last_year or timezone.localdate().year
    chart = timeline_chart(policy_counts(first_year=FIRST_YEAR, last_year=max(last, FIRST_YEAR)))
    counts = real_and_sample()
    note = _(
        "Counted from this knowledge base's policy records: %(real)s real, from named public "
        "sources, and %(sample)s sample, written for demonstration."
    ) % {"real": counts.real, "sample": counts.sample}
    return dataclasses.replace(chart, notes=(*chart.notes, note))


__all__ = ["KEYS", "Chart", "DataTable", "key_figure_charts", "policy_timeline"]
