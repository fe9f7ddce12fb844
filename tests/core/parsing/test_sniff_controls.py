"""Control characters are counted as the sniffing pattern matches them, whatever the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.sniff import control_count

# The controls as a pattern, the way sniffing first counted them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")

chars = st.one_of(
    st.characters(max_codepoint=0x7F),
    st.sampled_from(["\ufffd", "\u3000", "中", "，", "\x85", "\u2028"]),
    st.characters(),  # lone surrogates included
)


@settings(max_examples=500, deadline=None)
@given(st.text(chars, max_size=80))
def test_the_count_is_the_patterns(text: str) -> None:
    assert control_count(text) == len(CONTROL.findall(text))
