"""One rendering for every Django form of the platform (``settings.FORM_RENDERER``).

``{{ form }}``, ``form.as_p`` and ``form.as_div`` all render ``forms/form.html``, and each
field ``forms/field.html``: the label above the input (必填 marked), the help text and the
errors in Chinese beside it, tied to the input by ``aria-describedby``. Templates that lay a
form out by hand include ``forms/field.html`` per field (``{{ field.as_field_group }}``).
``as_table`` and ``as_ul`` keep Django's markup, since their callers wrap them in a table or
list. Widgets still come from Django's own templates, but for :class:`PlainSelect`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WEB_TEMPLATES = Path(__file__).resolve().parent / "templates"
DJANGO_FORM_TEMPLATES = Path(django.forms.__file__).resolve().parent / "templates"
SAME_AS_FORM = frozenset({"django/forms/p.html", "django/forms/div.html"})


class FieldBesideHelpRenderer(DjangoTemplates):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [WEB_TEMPLATES, DJANGO_FORM_TEMPLATES],
                "NAME": "gongkai-forms",
                "OPTIONS": {},
            }
        )

    def get_template(self, template_name: str) -> Any:
        if template_name in SAME_AS_FORM:
            template_name = self.form_template_name
        return super().get_template(template_name)


class PlainSelect(django.forms.Select):
    """Django's ``<select>``, the same markup written by Python instead of its widget
    templates (a template per option): the work queue's filter has five, on the most
    requested staff page, where the templates cost about 1 ms of the page's CPU. Flat
    choices only (no option groups); the field's attributes (``id``, ``aria-invalid``,
    ``aria-describedby``) are written as Django writes them."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        written = "".join(
            f" {key}" if value is True else f' {key}="{conditional_escape(value)}"'
            for key, value in self.build_attrs(self.attrs, attrs).items()
            if value is not False and value is not None
        )
        parts = [f'<select name="{conditional_escape(name)}"{written}>']
        found = False
        for option, label in self.choices:
            text = "" if option is None else str(option)
            selected = not found and text in chosen
            found = found or selected
            mark = " selected" if selected else ""
            parts.append(
                f'\n  <option value="{conditional_escape(text)}"{mark}>'
                f"{conditional_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))
