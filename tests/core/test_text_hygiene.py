"""The one rule for unprintable characters in stored text (gongkai.core.text_hygiene)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.text_hygiene import clean_text, is_unprintable, text_problem

REFUSED = [
    "\x00",  # NUL: PostgreSQL cannot store it
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",  # zero-width space
    "\u200d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\ue000",  # private use
    "\U000f0000",
    "\ud800",  # lone surrogate
    "\ufdd0",  # noncharacters
    "\uffff",
    "\U0010fffe",
    "\u0378",  # unassigned
]
KEPT = ["周", "某", "A", " ", "\u3000", "（", "〔", "—", "·", "é", "😀", "\u0301", "𠀀"]


@pytest.mark.parametrize("char", REFUSED)
def test_refused_everywhere(char: str) -> None:
    assert is_unprintable(char) and is_unprintable(char, multiline=True)
    problem = text_problem(f"周{char}某")
    assert problem is not None and f"U+{ord(char):04X}" in problem
    assert "不可见字符或控制字符" in problem
    assert clean_text(f"周{char}某") == "周某"


@pytest.mark.parametrize("char", KEPT)
def test_printable_text_is_kept(char: str) -> None:
    assert text_problem(f"周{char}某") is None
    assert clean_text(f"周{char}某") == f"周{char}某"


def test_line_breaks_and_tabs_only_in_multiline_text() -> None:
    text = "第一行\r\n第二行\t甲\r第三行\u2028第四行"
    assert text_problem(text, multiline=True) is None
    assert text_problem(text) is not None
    assert clean_text(text, multiline=True) == "第一行\n第二行\t甲\n第三行\n第四行"
    assert clean_text(text) == "第一行第二行甲第三行第四行"


def test_message_names_at_most_three_characters() -> None:
    problem = text_problem("\x01\x02\x03\x04\x05")
    assert problem is not None and "等5种" in problem


@settings(max_examples=200, deadline=None)
@given(st.text(), st.booleans())
def test_clean_text_is_clean_and_idempotent(text: str, multiline: bool) -> None:
    cleaned = clean_text(text, multiline=multiline)
    assert text_problem(cleaned, multiline=multiline) is None
    assert clean_text(cleaned, multiline=multiline) == cleaned
    # Nothing printable is lost.
    printable = [c for c in text if unicodedata.category(c)[0] in "LMNPS" and c.isprintable()]
    assert all(c in cleaned for c in printable)
    cleaned.encode("utf-8")  # no lone surrogate is left
