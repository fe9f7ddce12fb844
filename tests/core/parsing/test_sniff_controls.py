"""Control characters are counted as the sniffing pattern matches them, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.sniff import _CONTROL, control_count

chars = st.one_of(
    st.characters(max_codepoint=0x7F),
    st.sampled_from(["\ufffd", "\u3000", "中", "，", "\x85", "\u2028"]),
    st.characters(),  # lone surrogates included
)


@settings(max_examples=500, deadline=None)
@given(st.text(chars, max_size=80))
def test_the_count_is_the_patterns(text: str) -> None:
    assert control_count(text) == len(_CONTROL.findall(text))
