"""The form renderer writes ``forms/field.html`` and ``forms/form.html`` in Python: the same
markup as the templates, byte for byte, whatever the field's widget, label, help, errors,
required flag and id (the templates stay the reference)."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.web.form_rendering import FieldBesideHelpRenderer

TEXT = st.text(alphabet=st.sampled_from("a1 <>&\"'中文"), max_size=5)
WIDGETS = {
    "text": lambda: forms.CharField(),
    "textarea": lambda: forms.CharField(widget=forms.Textarea),
    "date": lambda: forms.DateField(widget=forms.DateInput(attrs={"type": "date"})),
    "checkbox": lambda: forms.BooleanField(),
    "select": lambda: forms.ChoiceField(choices=[("a", "甲"), ("b", "<乙>")]),
    "radio": lambda: forms.ChoiceField(
        choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect
    ),
    "checkboxes": lambda: forms.MultipleChoiceField(
        choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
    ),
    "file": lambda: forms.FileField(),
    "hidden": lambda: forms.CharField(widget=forms.HiddenInput),
    "integer": lambda: forms.IntegerField(),
}
FIELD = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(sorted(WIDGETS)),
        "label": st.one_of(st.none(), st.just(""), TEXT),
        "help_text": st.one_of(st.just(""), TEXT, st.just("<b>粗</b>")),
        "required": st.booleans(),
    }
)


def _form_class(fields: list[dict[str, object]], clean_error: str | None) -> type[forms.Form]:
    attrs: dict[str, object] = {}
    for n, spec in enumerate(fields):
        field = WIDGETS[str(spec["kind"])]()
        field.label = spec["label"]  # type: ignore[assignment]
        field.help_text = str(spec["help_text"])
        field.required = bool(spec["required"])
        attrs[f"f{n}"] = field

    def clean(self: forms.Form) -> dict[str, object]:
        if clean_error is not None:
            raise forms.ValidationError(clean_error)
        return self.cleaned_data

    attrs["clean"] = clean
    return type("Generated", (forms.Form,), attrs)


def _by_templates(form: forms.Form) -> tuple[list[str], str]:
    renderer = form.renderer or get_default_renderer()
    assert isinstance(renderer, FieldBesideHelpRenderer)
    field_template = renderer.get_template("forms/field.html")
    fields = [field_template.render({"field": bf}).strip() for bf in form]
    whole = renderer.get_template("forms/form.html").render(form.get_context()).strip()
    return fields, whole


@settings(max_examples=150, deadline=None)
@given(
    fields=st.lists(FIELD, min_size=1, max_size=4),
    data=st.one_of(st.none(), st.dictionaries(st.sampled_from(["f0", "f1", "f2"]), TEXT)),
    auto_id=st.sampled_from(["id_%s", "", "case-%s"]),
    clean_error=st.one_of(st.none(), TEXT),
)
def test_the_same_markup_as_the_templates(
    fields: list[dict[str, object]],
    data: dict[str, str] | None,
    auto_id: str,
    clean_error: str | None,
) -> None:
    form = _form_class(fields, clean_error)(data, auto_id=auto_id)
    expected_fields, expected_form = _by_templates(form)
    assert [str(bf.as_field_group()) for bf in form] == expected_fields
    assert str(form) == expected_form
    assert form.as_div() == expected_form


class TemplatesOnly(FieldBesideHelpRenderer):
    """The same renderer, every template rendered as a template."""

    render = DjangoTemplates.render


VALUE = st.one_of(
    st.none(),
    TEXT,
    st.integers(-3, 30),
    st.just(mark_safe("<b>&amp;</b>")),
    st.dates(),
    st.lists(TEXT, max_size=2),
)
ATTRS = st.dictionaries(
    st.sampled_from(["id", "class", "required", "aria-describedby", "maxlength", "rows"]),
    st.one_of(TEXT, st.booleans(), st.none(), st.integers(0, 9), st.just(mark_safe("a&amp;"))),
    max_size=4,
)
CHOICES = st.lists(
    st.one_of(
        st.tuples(st.one_of(TEXT, st.integers(0, 9)), TEXT),
        st.tuples(TEXT, st.lists(st.tuples(TEXT, TEXT), max_size=2)),  # an option group
    ),
    max_size=4,
)
WIDGET = st.one_of(
    st.sampled_from(
        [
            forms.TextInput(),
            forms.NumberInput(),
            forms.EmailInput(),
            forms.DateInput(attrs={"type": "date"}),
            forms.HiddenInput(),
            forms.PasswordInput(render_value=True),
            forms.FileInput(),
            forms.CheckboxInput(),
            forms.Textarea(),
            forms.ClearableFileInput(),  # not written by Python: still its template
            forms.RadioSelect(choices=[("a", "甲")]),  # likewise
        ]
    ),
    CHOICES.map(lambda choices: forms.Select(choices=choices)),
    CHOICES.map(lambda choices: forms.SelectMultiple(choices=choices)),
)


@settings(max_examples=300, deadline=None)
@given(widget=WIDGET, name=TEXT, value=VALUE, attrs=ATTRS)
def test_widgets_the_same_markup_as_djangos_templates(
    widget: forms.Widget, name: str, value: object, attrs: dict[str, object]
) -> None:
    expected = widget.render(name, value, attrs, renderer=TemplatesOnly())
    assert widget.render(name, value, attrs, renderer=FieldBesideHelpRenderer()) == expected
