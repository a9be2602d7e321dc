"""The HTTP response that sends an attached file safely."""

from django.http import FileResponse

from .models import CONTENT_TYPES, Attachment
from .naming import content_disposition


def file_response(attachment: Attachment) -> FileResponse:
    """The file as a download: a safe name, the type read at upload, no sniffing, no rendering."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        content_type=CONTENT_TYPES[attachment.kind],
    )
    response["Content-Disposition"] = content_disposition(
        attachment.original_name, kind=attachment.kind
    )
    # Browsers must take the type as given, and never run anything from it even if opened.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
