"""``nfkc`` is ``unicodedata.normalize("NFKC", …)``, whatever the text holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.normalize import _COMPATIBILITY_RANGES, nfkc

# The compatibility ranges the shortcut looks for, assigned or not, among the characters
# reports are made of and any other.
compatibility = st.sampled_from(
    [chr(c) for first, last in _COMPATIBILITY_RANGES for c in range(first, last + 1)]
)
report_chars = st.sampled_from(list("政府信息公开申请件，。（）、0123456789 \t\n"))
texts = st.text(st.one_of(compatibility, report_chars, st.characters()), max_size=60)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_nfkc_is_the_standard_normalisation(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_full_width_report_text_is_made_half_width() -> None:
    assert nfkc("收到申请１２件（含网上申请）\u3000ＵＲＬ：") == "收到申请12件(含网上申请) URL:"
