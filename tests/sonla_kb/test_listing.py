"""The shared list helpers: active filters and safe paging."""

import pytest
from django import forms
from django.http import QueryDict

from sonla_kb.listing import FilterForm, ListParameterError, paginate


class ColourForm(FilterForm):
    filter_fields = ("colour", "size")
    colour = forms.ChoiceField(choices=[("", "Any"), ("red", "Red")], required=False)
    size = forms.IntegerField(required=False)


def test_active_filters_link_to_the_list_without_them_and_back_to_page_one():
    query = QueryDict("colour=red&size=3&page=2")
    form = ColourForm(query)
    assert form.is_valid()
    active = {f.name: f for f in form.active_filters(query)}
    assert active["colour"].value == "Red"
    assert active["colour"].remove_href == "?size=3"
    assert active["size"].remove_href == "?colour=red"


def test_error_message_names_the_field():
    form = ColourForm(QueryDict("colour=blue&page=x"))
    assert not form.is_valid()
    message = form.error_message()
    assert "Colour:" in message
    assert "Page: The page must be a whole number." in message


def test_paginate_refuses_a_page_past_the_end():
    assert list(paginate(list(range(25)), page=2, per_page=20)) == list(range(20, 25))
    assert paginate([], page=None, per_page=20).number == 1
    with pytest.raises(ListParameterError, match="no page 3"):
        paginate(list(range(25)), page=3, per_page=20)


def test_page_errors_are_reported_after_the_filters():
    form = ColourForm(QueryDict("page=x&colour=blue"))
    assert not form.is_valid()
    assert form.error_message().index("Colour") < form.error_message().index("Page")
