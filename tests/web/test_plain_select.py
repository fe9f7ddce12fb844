"""``PlainSelect`` writes what Django's ``Select`` writes from its templates, byte for byte,
for any flat choices, value and attributes (the work queue's filter uses it for speed)."""

from __future__ import annotations

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from gongkai.web.form_rendering import PlainSelect

TEXT = st.text(alphabet=st.sampled_from("a1 <>&\"'中文\u00a0"), max_size=6)
CHOICES = st.lists(st.tuples(st.one_of(TEXT, st.integers(0, 9)), TEXT), max_size=6)
ATTRS = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"id": TEXT},
        optional={
            "aria-invalid": st.sampled_from(["true", "false"]),
            "required": st.booleans(),
            "class": TEXT,
        },
    ),
)


@given(
    choices=CHOICES,
    value=st.one_of(st.none(), TEXT, st.integers(0, 9), st.lists(TEXT, max_size=2)),
    attrs=ATTRS,
)
def test_the_same_markup_as_djangos_select(
    choices: list[tuple[object, str]], value: object, attrs: dict[str, object] | None
) -> None:
    expected = forms.Select(choices=choices).render("field", value, attrs)
    assert PlainSelect(choices=choices).render("field", value, attrs) == expected
