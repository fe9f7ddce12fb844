"""One rendering for every Django form of the platform (``settings.FORM_RENDERER``).

``{{ form }}``, ``form.as_p`` and ``form.as_div`` all render ``forms/form.html``, and each
field ``forms/field.html``: the label above the input (必填 marked), the help text and the
errors in Chinese beside it, tied to the input by ``aria-describedby``. Templates that lay a
form out by hand include ``forms/field.html`` per field (``{{ field.as_field_group }}``).
``as_table`` and ``as_ul`` keep Django's markup, since their callers wrap them in a table or
list. Widgets keep Django's markup (its templates, written as below).

The two templates, and Django's templates of the common widgets (inputs, ``<textarea>``,
``<select>`` and its options), are written by Python as well (:func:`field_group_html`,
:func:`form_html`, :func:`widget_html`), character for character, since every staff page
renders forms: the case page's step forms went through three to five templates per field, a
fifth of the page's CPU. The templates stay the reference (``tests/web/test_form_markup.py``
renders both ways) and the way for a page to lay out a single field by hand; a widget or
template not listed here still renders through its template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

WEB_TEMPLATES = Path(__file__).resolve().parent / "templates"
DJANGO_FORM_TEMPLATES = Path(django.forms.__file__).resolve().parent / "templates"
SAME_AS_FORM = frozenset({"django/forms/p.html", "django/forms/div.html"})
REQUIRED_MARK = '<span class="req">（必填）</span>'
WIDGETS = "django/forms/widgets/"
INPUT_KINDS = (
    *("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime"),
    *("time", "search", "tel", "color", "checkbox", "file"),
)
INPUT_TEMPLATES = frozenset(f"{WIDGETS}{kind}.html" for kind in INPUT_KINDS)
SELECT_OPTION = f"{WIDGETS}select_option.html"
AUTOESCAPE = Context()  # what {{ value }} writes in a template: localized, then escaped


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

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in SAME_AS_FORM:
            template_name = self.form_template_name
        if template_name == self.field_template_name and set(context) == {"field"}:
            return field_group_html(context["field"])
        if template_name == self.form_template_name:
            return form_html(context)
        written = widget_html(template_name, context)
        if written is not None:
            return written
        return str(super().render(template_name, context, request))


def field_group_html(field: BoundField) -> str:
    """What ``forms/field.html`` writes for the field (whitespace included, then stripped as
    Django's renderer strips it)."""
    kind = field.widget_type
    errors = field.errors
    label = field.label
    required = REQUIRED_MARK if field.field.required else ""
    out = [
        '<div class="field',
        " has-error" if errors else "",
        " check" if kind == "checkbox" else "",
    ]
    out.append('">\n')
    if field.use_fieldset:
        described = field.aria_describedby
        out.append("\n  <fieldset")
        if described:
            out.append(f' aria-describedby="{conditional_escape(described)}"')
        out.append(">\n  ")
        if label:
            out.append(f"<legend>{conditional_escape(label)}{required}</legend>")
    elif kind == "checkbox":
        out.append(f"\n  {field}\n  ")
        if label:
            out.append(
                f'<label for="{conditional_escape(field.id_for_label)}">'
                f"{conditional_escape(label)}</label>"
            )
    else:
        out.append("\n  ")
        if label:
            out.append(
                f'<label for="{conditional_escape(field.id_for_label)}">'
                f"{conditional_escape(label)}{required}</label>"
            )
    out.append("\n\n")
    auto_id = field.auto_id
    if field.help_text:
        where = f' id="{conditional_escape(auto_id)}_helptext"' if auto_id else ""
        out.append(f'<span class="help"{where}>{field.help_text}</span>')
    out.append("\n")
    if errors:
        where = f' id="{conditional_escape(auto_id)}_error"' if auto_id else ""
        items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
        out.append(f'<ul class="errorlist" role="alert"{where}>{items}</ul>')
    out.append("\n")
    if kind != "checkbox":
        out.append(str(field))
    out.append("\n")
    if field.use_fieldset:
        out.append("</fieldset>")
    out.append("\n</div>")
    return "".join(out).strip()


def form_html(context: dict[str, Any]) -> str:
    """What ``forms/form.html`` writes from the form's context (``Form.get_context``)."""
    out = []
    errors = context["errors"]
    if errors:
        items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
        out.append(
            '<div class="notice error" role="alert"><ul class="errorlist nonfield">'
            f"{items}</ul></div>"
        )
    out.append("\n")
    out.extend(str(field.as_field_group()) for field, _ in context["fields"])
    out.append("\n")
    out.extend(str(field) for field in context["hidden_fields"])
    return "".join(out).strip()


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


def widget_html(template_name: str, context: dict[str, Any]) -> str | None:
    """What Django's widget template writes, for an input, a ``<textarea>`` or a ``<select>``
    of plain options; ``None`` for any other template."""
    widget = context.get("widget")
    if widget is None or set(context) != {"widget"}:
        return None
    if template_name in INPUT_TEMPLATES:
        value = widget["value"]
        shown = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711 (as the template)
        return (
            f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
            f"{shown}{_attrs(widget['attrs'])}>"
        )
    if template_name == f"{WIDGETS}textarea.html":
        value = widget["value"]
        return (
            f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f"{_text(value) if value else ''}</textarea>"
        )
    if template_name == f"{WIDGETS}select.html":
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                if option["template_name"] != SELECT_OPTION:
                    return None
                parts.append(
                    f'\n  <option value="{_formatted(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)
    return None


def _text(value: Any) -> str:
    """``{{ value }}``."""
    return str(render_value_in_context(value, AUTOESCAPE))


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` (a filter that keeps safe text safe)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return _text(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_text(name)}" + ("" if value is True else f'="{_formatted(value)}"')
        for name, value in attrs.items()
        if value is not False
    )
