"""Build the POST data of an admin form from the page's context, as a browser would send it."""

import datetime as dt

from django.db import models


def _as_data(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None or value is False:
            continue
        key = bound.html_name
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple | models.QuerySet):
            data[key] = [_as_data(v) for v in value]
        else:
            data[key] = _as_data(value)
    return data


def admin_form_data(response, **changes) -> dict:
    """The values the admin page shows (main form and inlines), with `changes` applied."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    data.update(changes)
    return data
