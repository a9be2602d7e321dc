"""The paragraphs filter and the site menu: pure, no database."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve

from sonla_kb.templatetags.kb import paragraphs, split_paragraphs


def test_split_paragraphs_on_blank_lines():
    text = "First line\nsame paragraph\n\n  \nSecond\r\n\r\nThird\n\n\n"
    assert split_paragraphs(text) == ["First line\nsame paragraph", "Second", "Third"]
    assert split_paragraphs("") == []
    assert split_paragraphs(None) == []


def test_paragraphs_escapes_every_character():
    html = paragraphs('A <b>bold</b> & "quoted"\nline two\n\n<script>alert(1)</script>')
    assert html == (
        "<p>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;<br>line two</p>\n"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_paragraphs_in_a_template_is_not_escaped_twice():
    rendered = Template("{% load kb %}{{ text|paragraphs }}").render(Context({"text": "a & b"}))
    assert rendered == "<p>a &amp; b</p>"


def test_site_nav_marks_the_current_page_and_section():
    template = Template("{% load kb %}{% site_nav %}")
    request = RequestFactory().get("/policies/")
    request.resolver_match = resolve("/policies/")
    html = template.render(Context({"request": request}))
    assert '<a href="/policies/" aria-current="page">' in html
    request = RequestFactory().get("/policies/some-key/")
    request.resolver_match = resolve("/policies/some-key/")
    html = template.render(Context({"request": request}))
    assert '<a href="/policies/" aria-current="true">' in html
    assert 'href="/" aria-current' not in html
