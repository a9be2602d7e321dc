"""The files of a record, for its page: `{% attached_files record as files %}`."""

from django import template

from sonla_kb.attachments.admin import ocr_notice
from sonla_kb.attachments.selectors import ListedFile, files_for_page

register = template.Library()

# The longest search query looked for in the files (the search form's own limit).
MAX_QUERY = 500


@register.simple_tag(takes_context=True)
def attached_files(context, record) -> list[ListedFile]:
    """The record's files; when the visitor came from a search (?hl=), where the words are."""
    request = context.get("request")
    query = request.GET.get("hl", "")[:MAX_QUERY] if request is not None else ""
    return files_for_page(record=record, query=query)


@register.filter
def page_numbers(listed: ListedFile) -> str:
    """'7, 9' or '1, 2, 3, …' for "Found on slides 7, 9"."""
    numbers = ", ".join(str(n) for n in listed.found_on)
    return f"{numbers}, …" if listed.more else numbers


@register.simple_tag
def ocr_unavailable_notice() -> str:
    """For the admin's front page: why scanned pages are not recognised here ('' if they are)."""
    return ocr_notice()
