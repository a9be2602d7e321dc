"""Reads of policy measures, the study and the indicators, for the public pages."""

from django.db.models import F, QuerySet

from sonla_kb.bilingual import record_text
from sonla_kb.collation import vietnamese_key
from sonla_kb.themes import Theme

from .models import Indicator, PolicyMeasure, Study

POLICY_SORTS = {
    "newest": ("-issued_on", "key"),
    "oldest": ("issued_on", "key"),
    "title": ("title", "key"),
}


def policy_list(
    *,
    year: int | None = None,
    theme: Theme | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    status: str | None = None,
    sort: str = "newest",
    language: str = "en",
) -> QuerySet[PolicyMeasure] | list[PolicyMeasure]:
    """Policy measures matching every filter given, in the chosen order, themes prefetched.

    By title in Vietnamese, they come as a list in Vietnamese alphabetical order of the title
    the reader sees (the database knows only code-point order).
    """
    policies = PolicyMeasure.objects.all()
    if year is not None:
        policies = policies.filter(issued_on__year=year)
    if theme is not None:
        # distinct(): nothing in the database stops a theme being linked twice to one record.
        policies = policies.filter(tags__id=theme.pk).distinct()
    if kind:
        policies = policies.filter(kind=kind)
    if issuer:
        policies = policies.filter(issuer=issuer)
    if status:
        policies = policies.filter(status=status)
    policies = policies.order_by(*POLICY_SORTS[sort]).prefetch_related("tags")
    if sort == "title" and language == "vi":
        return sorted(policies, key=lambda p: vietnamese_title_key(policy=p))
    return policies


def vietnamese_title_key(*, policy: PolicyMeasure) -> tuple:
    """Where a policy sorts by the title a Vietnamese reader sees, then by key."""
    return (vietnamese_key(record_text(policy, "title", language="vi").main.text), policy.key)


def latest_policies(*, limit: int = 5) -> list[PolicyMeasure]:
    """The most recently issued policy measures."""
    return list(policy_list(sort="newest")[:limit])


def policy_years() -> list[int]:
    """The years in which policy measures were issued, newest first."""
    return [d.year for d in PolicyMeasure.objects.dates("issued_on", "year", order="DESC")]


def policy_issuers() -> list[str]:
    """The bodies that issued policy measures, A to Z."""
    return list(
        PolicyMeasure.objects.order_by("issuer").values_list("issuer", flat=True).distinct()
    )


def issuer_names_vi() -> dict[str, str]:
    """Each issuer's Vietnamese name, where a policy gives one (the first, A to Z, if several)."""
    names: dict[str, str] = {}
    rows = PolicyMeasure.objects.exclude(issuer_vi="").order_by("issuer", "issuer_vi")
    for issuer, issuer_vi in rows.values_list("issuer", "issuer_vi").distinct():
        names.setdefault(issuer, issuer_vi)
    return names


def policy_detail(*, key: str) -> PolicyMeasure:
    """One policy measure by key, themes prefetched; raises PolicyMeasure.DoesNotExist."""
    return PolicyMeasure.objects.prefetch_related("tags").get(key=key)


def current_study() -> Study | None:
    """The study: the latest by year if there are several (undated last)."""
    return (
        Study.objects.prefetch_related("tags")
        .order_by(F("year").desc(nulls_last=True), "key")
        .first()
    )


def indicator_list() -> list[Indicator]:
    """The figures that describe the sector, in key order."""
    return list(Indicator.objects.order_by("key"))
