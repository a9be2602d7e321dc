"""Download of an attached file: always as a download, with its real type, never sniffed."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Attachment
from .naming import ascii_name
from .selectors import public_attachment
from .serving import file_response


@require_safe
def download(request: HttpRequest, pk: int, name: str) -> HttpResponse | FileResponse:
    """Send one attached file; a URL with another name is redirected to the canonical one."""
    try:
        attachment = public_attachment(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404(_("There is no such file.")) from None
    if name != ascii_name(attachment.original_name, kind=attachment.kind):
        return redirect(attachment.get_absolute_url(), permanent=True)
    try:
        return file_response(attachment)
    except FileNotFoundError:
        raise Http404(_("This file is missing from storage.")) from None
