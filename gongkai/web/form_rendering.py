"""One rendering for every Django form of the platform (``settings.FORM_RENDERER``).

``{{ form }}``, ``form.as_p`` and ``form.as_div`` all render ``forms/form.html``, and each
field ``forms/field.html``: the label above the input (必填 marked), the help text and the
errors in Chinese beside it, tied to the input by ``aria-describedby``. Templates that lay a
form out by hand include ``forms/field.html`` per field (``{{ field.as_field_group }}``).
``as_table`` and ``as_ul`` keep Django's markup, since their callers wrap them in a table or
list. Widgets still come from Django's own templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

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
