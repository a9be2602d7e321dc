"""Attach files to a presentation or the study, inline on its admin page."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import recognition
from .models import Attachment, ExtractionStatus
from .recognition import UNAVAILABLE_REASONS
from .services import (
    apply_inspection,
    files_removed_on_rollback,
    remove_after_commit,
    track_written,
)
from .validation import Inspection, inspect_upload


class AttachmentForm(forms.ModelForm):
    """A file and its title; the file is checked by its content on upload, and its text is read
    in the background afterwards (sonla_kb.attachments.queue)."""

    class Meta:
        model = Attachment
        fields = ("title", "file")
        # A plain input: no "clear" box (a file is required) and no link to the raw stored file.
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.inspection: Inspection | None = None
        self.previous_file = self.instance.file.name if self.instance.pk else ""
        self.fields["file"].help_text = _(
            "PDF, PowerPoint (PPTX), Word (DOCX), or a scan as PNG or JPEG; the type is read "
            "from the content."
        )

    def clean_file(self):
        """Refuse a file that is not what it claims, encrypted, damaged or too large."""
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.inspection = inspect_upload(name=upload.name, fileobj=upload, extract=False)
            upload.seek(0)
        return upload

    def save(self, commit: bool = True) -> Attachment:
        """Save with what inspection found; a replaced file leaves storage after the commit."""
        if self.inspection is not None:
            apply_inspection(attachment=self.instance, inspection=self.inspection)
        attachment = super().save(commit=commit)
        if commit and self.inspection is not None:
            track_written(attachment.file.storage, attachment.file.name)
            if self.previous_file and self.previous_file != attachment.file.name:
                remove_after_commit(attachment.file.storage, self.previous_file)
        return attachment


class AttachmentFormSet(BaseInlineFormSet):
    """Files written while saving the formset are deleted again if saving fails."""

    def save(self, commit: bool = True):
        """Save every form, removing stored files if any of it fails."""
        with files_removed_on_rollback():
            return super().save(commit=commit)


def ocr_notice() -> str:
    """The admin's notice when scanned pages are not recognised on this server ('' if they are)."""
    reason = recognition.unavailable_reason()
    if not reason:
        return ""
    if reason == recognition.OCR_TURNED_OFF:
        return gettext(
            "OCR is turned off (ATTACHMENT_OCR): scanned pages are not recognised, and such "
            "files are marked “No text found (OCR is turned off)”."
        )
    return gettext(
        "OCR is not installed on this server (%(detail)s): scanned pages are not recognised, "
        "and such files are marked “No text found (OCR not installed)”. Install tesseract-ocr, "
        "tesseract-ocr-vie and ghostscript, then run “manage.py ocr_pending” to read them."
    ) % {"detail": recognition.unavailable_detail()}


class PendingFilesNotice:
    """A ModelAdmin mixin: says when OCR cannot run here, and after a save with new files, that
    their text is on its way."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The form, with the OCR notice above it when scanned pages cannot be read here."""
        notice = ocr_notice() if request.method == "GET" else ""
        if notice:
            self.message_user(request, notice, messages.WARNING)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change) -> None:
        """Save the formset; name the files whose text is now read in the background."""
        super().save_formset(request, form, formset, change)
        if not isinstance(formset, AttachmentFormSet):
            return
        names = [
            f.instance.original_name
            for f in formset.forms
            if getattr(f, "inspection", None) is not None and f.instance.pk
        ]
        if names:
            self.message_user(
                request,
                _(
                    "The text of %(names)s is being read in the background: it becomes "
                    "searchable in a moment, and the record's page shows how it went."
                )
                % {"names": ", ".join(f"“{name}”" for name in names)},
                messages.INFO,
            )


class AttachmentInline(admin.TabularInline):
    """The files attached to a presentation or the study: slide decks and reports."""

    model = Attachment
    form = AttachmentForm
    formset = AttachmentFormSet
    extra = 1
    fields = ("title", "file", "details")
    readonly_fields = ("details",)
    verbose_name = _("attached file")
    verbose_name_plural = _("attached files (PDF, PPTX, DOCX): their text is searchable")

    @admin.display(description=_("File"))
    def details(self, obj: Attachment) -> str:
        """Name, type, size, pages or slides, extraction status, and the download link."""
        if not obj.pk:
            return "—"
        facts = [obj.get_kind_display(), filesizeformat(obj.size)]
        if obj.status != ExtractionStatus.PENDING:
            facts.append(
                (
                    ngettext("%(n)d slide", "%(n)d slides", obj.page_count)
                    if obj.unit == "slide"
                    else ngettext("%(n)d page", "%(n)d pages", obj.page_count)
                )
                % {"n": obj.page_count}
            )
        return format_html(
            '<a href="{}">{}</a><br>{}<br><span class="extraction extraction--{}">{}</span>',
            obj.get_absolute_url(),
            obj.original_name,
            " · ".join(str(fact) for fact in facts),
            obj.status,
            status_text(obj),
        )


def status_text(attachment: Attachment) -> str:
    """How extraction went, as staff read it: the status and, when useful, the reason."""
    status = str(attachment.get_status_display())
    if attachment.status == ExtractionStatus.PENDING:
        if attachment.claimed_until is not None and attachment.claimed_until > timezone.now():
            return _("Being read now; reload the page to see the result.")
        return _("Waiting for text extraction; reload the page in a moment to see the result.")
    reason = attachment.status_reason
    if attachment.status == ExtractionStatus.NO_TEXT and reason in UNAVAILABLE_REASONS:
        return f"{status} ({gettext(reason)})"  # "No text found (OCR not installed)"
    if attachment.status != ExtractionStatus.DONE and reason:
        return f"{status}: {gettext(reason)}"  # a known reason, translated
    return status
