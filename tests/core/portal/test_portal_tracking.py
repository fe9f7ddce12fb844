from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.portal.tracking import ALPHABET, make_tracking_number, normalize_tracking_number


@given(st.binary(min_size=5, max_size=5), st.integers(min_value=2000, max_value=2099))
def test_made_numbers_have_the_format_and_normalize_to_themselves(raw: bytes, year: int) -> None:
    number = make_tracking_number(year, raw)
    assert re.fullmatch(rf"{year}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", number)
    assert normalize_tracking_number(number) == number
    assert normalize_tracking_number(" " + number.lower().replace("-", " ") + " ") == number


@given(st.binary(min_size=5, max_size=5), st.integers(min_value=5, max_value=13))
def test_one_wrong_character_is_refused(raw: bytes, where: int) -> None:
    number = make_tracking_number(2025, raw)
    if number[where] == "-":
        return
    # 0 and Z are 31 apart, the one substitution a modulo-31 check cannot see.
    blind = {"0": "Z", "Z": "0"}.get(number[where])
    for other in ALPHABET:
        if other not in (number[where], blind):
            changed = number[:where] + other + number[where + 1 :]
            assert normalize_tracking_number(changed) is None


def test_look_alike_letters_are_read_as_digits() -> None:
    number = make_tracking_number(2025, bytes(5))
    assert number == "2025-0000-000" + number[-1]
    assert normalize_tracking_number(number.replace("0", "O")) == number


def test_garbage_is_not_a_number() -> None:
    assert normalize_tracking_number("") is None
    assert normalize_tracking_number("2025-ABCD") is None
    assert normalize_tracking_number("<script>") is None


def test_too_few_random_bytes_is_an_error() -> None:
    try:
        make_tracking_number(2025, b"1234")
    except ValueError:
        return
    raise AssertionError("expected ValueError")
