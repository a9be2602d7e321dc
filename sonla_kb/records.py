"""What every record of the knowledge base shares: a stable key, a language, a sample flag."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = r"^[a-z0-9-]{1,100}$"
key_validator = RegexValidator(
    KEY_PATTERN, _("A key is 1 to 100 characters of a-z, 0-9 and '-'."), code="invalid_key"
)


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    VIETNAMESE = "vi", "Tiếng Việt"


def KeyField() -> models.CharField:
    """The record's stable key, used in its URL and by the interchange format."""
    return models.CharField(
        _("key"),
        max_length=100,
        unique=True,
        validators=[key_validator],
        help_text=_("Stable identifier used in the URL and in imports: a-z, 0-9 and '-'."),
    )


class Record(models.Model):
    """Abstract base: key, language, sample flag and timestamps."""

    key = KeyField()
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Written for demonstration, not taken from the workshop's own documents."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return getattr(self, "title", None) or self.key

    @property
    def translation_language(self) -> str:
        """The language of the record's translated title and summary: the other one."""
        return other_language(self.language)


def other_language(language: str) -> str:
    """The other of the knowledge base's two languages."""
    return Language.VIETNAMESE if language == Language.ENGLISH else Language.ENGLISH


def TranslatedTitleField() -> models.CharField:
    """A record's title in the other language than its own, written by staff; may be empty."""
    return models.CharField(
        _("translated title"),
        max_length=300,
        blank=True,
        help_text=_(
            "The title in the other language (Vietnamese for an English record, English for "
            "a Vietnamese one), shown as a translation."
        ),
    )


def TranslatedSummaryField() -> models.TextField:
    """A record's summary in the other language than its own; may be empty."""
    return models.TextField(
        _("translated summary"),
        blank=True,
        help_text=_("The summary in the other language, shown as a translation."),
    )
