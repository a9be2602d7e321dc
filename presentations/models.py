"""The workshop, its presentations and what the delegates said."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sonla_kb.history import ThemesSnapshot
from sonla_kb.records import (
    KeyField,
    Language,
    Record,
    TranslatedSummaryField,
    TranslatedTitleField,
)
from sonla_kb.themes import ThemesField


class Workshop(models.Model):
    """The workshop itself: one record."""

    title = models.CharField(_("title"), max_length=300)
    title_vi = models.CharField(_("title in Vietnamese"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_vi = models.CharField(_("venue in Vietnamese"), max_length=200, blank=True)
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    organisers_vi = models.CharField(_("organisers in Vietnamese"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_vi = models.TextField(_("summary in Vietnamese"), blank=True)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class Presentation(Record):
    """One of the workshop's presentations, in running order."""

    order = models.PositiveSmallIntegerField(
        _("running order"), unique=True, validators=[MinValueValidator(1)]
    )
    title = models.CharField(_("title"), max_length=300)
    title_translated = TranslatedTitleField()
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_translated = TranslatedSummaryField()
    body = models.TextField(_("full text"), blank=True)
    tags = ThemesField()
    history = HistoricalRecords(bases=[ThemesSnapshot])

    class Meta:
        ordering = ["order"]
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        constraints = [
            models.CheckConstraint(condition=Q(order__gte=1), name="presentation_order_positive")
        ]

    def get_absolute_url(self) -> str:
        """The presentation's public page."""
        return reverse("presentation-detail", kwargs={"key": self.key})


class FeedbackQuerySet(models.QuerySet):
    def published(self) -> "FeedbackQuerySet":
        """Only what the public may see."""
        return self.filter(published=True)


class Feedback(models.Model):
    """What a delegate said: about the study, a presentation, a policy, or the workshop."""

    key = KeyField()
    author = models.CharField(_("author"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    study = models.ForeignKey(
        "policies.Study",
        verbose_name=_("study"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    presentation = models.ForeignKey(
        Presentation,
        verbose_name=_("presentation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    policy = models.ForeignKey(
        "policies.PolicyMeasure",
        verbose_name=_("policy measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    text = models.TextField(_("text"))
    submitted_on = models.DateField(_("submitted on"))
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished feedback is seen by staff only.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Written for demonstration, not taken from the workshop's own records."),
    )
    tags = ThemesField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()
    history = HistoricalRecords(bases=[ThemesSnapshot])

    class Meta:
        ordering = ["-submitted_on", "key"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(study__isnull=True, presentation__isnull=True)
                    | Q(study__isnull=True, policy__isnull=True)
                    | Q(presentation__isnull=True, policy__isnull=True)
                ),
                name="feedback_about_at_most_one_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        """Where the public reads it: on its record's page, or in the feedback list."""
        target = self.about
        url = target.get_absolute_url() if target else reverse("feedback-list")
        return f"{url}#{self.key}"

    @property
    def about(self):
        """The record this feedback is about, or None for the workshop as a whole."""
        return self.study or self.presentation or self.policy

    @property
    def about_type(self) -> str | None:
        """'study', 'presentation', 'policy', or None for the workshop."""
        for name in ("study", "presentation", "policy"):
            if getattr(self, f"{name}_id"):
                return name
        return None

    def clean(self) -> None:
        """Feedback is about one record at most."""
        chosen = [n for n in ("study", "presentation", "policy") if getattr(self, f"{n}_id")]
        if len(chosen) > 1:
            raise ValidationError(_("Feedback is about one record at most: choose only one."))
