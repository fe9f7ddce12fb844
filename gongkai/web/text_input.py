"""Text intake through Django forms: every text field refuses unprintable characters.

The rule is :mod:`gongkai.core.text_hygiene` (one pure function for the whole platform); this
module attaches it to forms. A field whose widget is a ``Textarea`` is multi-line (line
breaks and tabs allowed), any other text field is a single line. The API's schemas call the
same rule (``gongkai.web.api.schemas``), the catalogue import checks its cells with it.

The admin's forms keep it too: ``TextCheckedAdminConfig`` stands in ``INSTALLED_APPS`` for
``django.contrib.admin``, so ``admin.site`` is a :class:`TextCheckedAdminSite`, which puts
the rule on every registered admin's form and inline formsets when it registers the admin;
an app's ``admin.py`` needs nothing of its own and a new admin cannot forget it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.deconstruct import deconstructible

from gongkai.core.errors import InputError
from gongkai.core.text_hygiene import text_problem


@deconstructible
class PrintableText:
    """Validator: refuses control and other unprintable characters, in Chinese."""

    code = "unprintable"

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        problem = text_problem(str(value), multiline=self.multiline)
        if problem is not None:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrintableText) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((PrintableText, self.multiline))


def guard_text_fields(fields: Any) -> None:
    """Give every text field of a form (``form.fields``) the printable-text validator."""
    for field in fields.values():
        if isinstance(field, forms.CharField) and not any(
            isinstance(v, PrintableText) for v in field.validators
        ):
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(PrintableText(multiline=multiline))


class PrintableTextFields:
    """Form mixin: the form's text fields refuse unprintable characters (put it first)."""

    fields: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard_text_fields(self.fields)


class TextForm(PrintableTextFields, forms.Form):
    """``forms.Form`` whose text fields refuse unprintable characters."""


class TextModelForm(PrintableTextFields, forms.ModelForm):  # type: ignore[type-arg]
    """``forms.ModelForm`` whose text fields refuse unprintable characters."""


def checked_text(text: str, *, label: str, multiline: bool = False) -> str:
    """``text`` if it is printable; else :class:`InputError` (Chinese, naming ``label``) —
    for views that read a text without a form."""
    problem = text_problem(text, multiline=multiline)
    if problem is not None:
        raise InputError(f"{label}{problem}")
    return text


class PrintableTextAdmin:
    """ModelAdmin mixin: the add/change form and inline formsets check their text fields."""

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)  # type: ignore[misc]
        guard_text_fields(form.base_fields)
        return form

    def get_formsets_with_inlines(
        self, request: HttpRequest, obj: Any = None
    ) -> Iterator[tuple[Any, Any]]:
        for formset, inline in super().get_formsets_with_inlines(request, obj):  # type: ignore[misc]
            guard_text_fields(formset.form.base_fields)
            yield formset, inline


class TextCheckedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, PrintableTextAdmin):
            base = type(base.__name__, (PrintableTextAdmin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, base, **options)


class TextCheckedAdminConfig(AdminConfig):
    default_site = "gongkai.web.text_input.TextCheckedAdminSite"
