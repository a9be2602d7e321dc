"""Policy measures, the study and the indicators that describe the sector."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sonla_kb.history import ThemesSnapshot
from sonla_kb.records import KeyField, Record, TranslatedSummaryField, TranslatedTitleField
from sonla_kb.themes import ThemesField


class PolicyKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    DIRECTIVE = "directive", _("Directive")
    OTHER = "other", _("Other")


class PolicyStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Superseded")
    PROPOSED = "proposed", _("Proposed")


class PolicyMeasure(Record):
    """A policy measure taken since 2017: a resolution, decision, plan, programme ..."""

    number = models.CharField(_("official number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_translated = TranslatedTitleField()
    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices)
    issuer = models.CharField(
        _("issuer"), max_length=200, help_text=_("In English: the name the policy list filters by.")
    )
    issuer_vi = models.CharField(_("issuer in Vietnamese"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PolicyStatus.choices)
    summary = models.TextField(_("summary"), blank=True)
    summary_translated = TranslatedSummaryField()
    body = models.TextField(_("full text"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_date = models.DateField(
        _("date of the source"),
        null=True,
        blank=True,
        help_text=_("When the source page was published; leave empty when it does not say."),
    )
    tags = ThemesField()
    history = HistoricalRecords(bases=[ThemesSnapshot])

    class Meta:
        ordering = ["-issued_on", "key"]
        verbose_name = _("policy measure")
        verbose_name_plural = _("policy measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(effective_from__gte=models.F("issued_on")),
                name="policy_effective_not_before_issued",
            ),
        ]
        indexes = [models.Index(fields=["issued_on"]), models.Index(fields=["status"])]

    def get_absolute_url(self) -> str:
        """The policy's public page."""
        return reverse("policy-detail", kwargs={"key": self.key})


class Study(Record):
    """The study "Policies for Coffee Development in Son La: Current Situation and Solutions"."""

    title = models.CharField(_("title"), max_length=300)
    title_translated = TranslatedTitleField()
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1980), MaxValueValidator(2100)],
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_translated = TranslatedSummaryField()
    body = models.TextField(_("full text"), blank=True)
    tags = ThemesField()
    history = HistoricalRecords(bases=[ThemesSnapshot])

    class Meta:
        ordering = ["-year", "key"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")

    def get_absolute_url(self) -> str:
        """The study's public page."""
        return reverse("study")


class Indicator(models.Model):
    """A figure that describes the sector, as the workshop reported it."""

    key = KeyField()
    name = models.CharField(_("name"), max_length=200)
    name_vi = models.CharField(_("name in Vietnamese"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    scope = models.CharField(_("scope"), max_length=100, blank=True)
    scope_vi = models.CharField(_("scope in Vietnamese"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_vi = models.CharField(_("source in Vietnamese"), max_length=300, blank=True)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    source_date = models.DateField(
        _("date of the source"),
        null=True,
        blank=True,
        help_text=_("When the source page was published; leave empty when it does not say."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    note_vi = models.CharField(_("note in Vietnamese"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} ({self.scope}, {self.year})"
