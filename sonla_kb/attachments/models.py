"""A file attached to a presentation or the study, with the text extracted from it."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .naming import ascii_name


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    PPTX = "pptx", "PowerPoint (PPTX)"
    DOCX = "docx", "Word (DOCX)"
    PNG = "png", _("PNG image")
    JPG = "jpg", _("JPEG image")


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    NO_TEXT = "no_text", _("No text found")
    FAILED = "failed", _("Extraction failed")


# The type a download is served as: decided by the content at upload, never by the name.
_OOXML = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.PPTX: f"{_OOXML}.presentationml.presentation",
    AttachmentKind.DOCX: f"{_OOXML}.wordprocessingml.document",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.JPG: "image/jpeg",
}

# What one unit of `pages` is called: a deck has slides, a report has pages.
UNITS = {AttachmentKind.PPTX: "slide"}  # every other kind has pages (an image is one)


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random storage name with the extension of the detected type; the user's name is
    never used, so it cannot collide, traverse folders or pick how a server serves it."""
    token = uuid.uuid4().hex
    return f"attachments/{token[:2]}/{token}.{instance.kind}"


class Attachment(models.Model):
    """A slide deck or report attached to one presentation or to the study."""

    presentation = models.ForeignKey(
        "presentations.Presentation",
        verbose_name=_("presentation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    study = models.ForeignKey(
        "policies.Study",
        verbose_name=_("study"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("Shown in the list of files; the name if empty."),
    )
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, editable=False
    )
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, editable=False, db_index=True)
    page_count = models.PositiveIntegerField(_("pages or slides"), default=0, editable=False)
    pages = models.JSONField(
        _("text by page"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The text of each page or slide."),
    )
    text = models.TextField(_("text"), blank=True, editable=False)
    ocr_pages = models.JSONField(
        _("recognised pages"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Pages whose text was recognised (OCR): page number → mean confidence (0-100)."
        ),
    )
    status = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        editable=False,
        db_index=True,
    )
    status_reason = models.CharField(
        _("extraction note"), max_length=500, blank=True, editable=False
    )
    # The background extraction's claim on a pending file (sonla_kb.attachments.queue): a
    # worker holds it until `claimed_until`; a worker that died loses it then, and another
    # takes the file again. `attempts` counts the claims, so a file that keeps killing its
    # worker is given up on.
    claim = models.CharField(_("claim"), max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["original_name", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(presentation__isnull=False, study__isnull=True)
                    | Q(presentation__isnull=True, study__isnull=False)
                ),
                name="attachment_on_exactly_one_record",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        """The download URL, ending in a safe file name."""
        return reverse(
            "attachment-download",
            kwargs={"pk": self.pk, "name": ascii_name(self.original_name, kind=self.kind)},
        )

    @property
    def label(self) -> str:
        """The title, or the file's name when it has none."""
        return self.title or self.original_name

    @property
    def record(self) -> models.Model | None:
        """The presentation or study the file belongs to."""
        return self.presentation or self.study

    @property
    def unit(self) -> str:
        """'slide' for a deck, 'page' for a report."""
        return UNITS.get(self.kind, "page")

    def page_unit(self, number: int) -> str:
        """The unit of one page, 'ocr-page' when its text was recognised (for search)."""
        return "ocr-page" if str(number) in (self.ocr_pages or {}) else self.unit
