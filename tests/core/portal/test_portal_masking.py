from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.portal.masking import last4, mask_email, mask_name, mask_tail


def test_id_number_shows_only_its_last_four() -> None:
    assert mask_tail("11010519491231002X") == "**************002X"


def test_phone_keeps_separators() -> None:
    assert mask_tail("0531-8888 1234") == "****-**** 1234"
    assert mask_tail("13812345678") == "*******5678"


def test_short_values_are_hidden_entirely() -> None:
    assert mask_tail("1234") == "****"
    assert mask_tail("") == ""


def test_email_and_name() -> None:
    assert mask_email("zhou@example.cn") == "z***@example.cn"
    assert mask_name("周明") == "周*"
    assert mask_name("周") == "周"


def test_last4_ignores_separators_and_case() -> None:
    assert last4("0531-8888 1234") == "1234"
    assert last4("11010519491231002x") == "002X"


@given(st.text(alphabet="0123456789X- ", min_size=5, max_size=30))
def test_masked_value_never_shows_more_than_four_characters(value: str) -> None:
    masked = mask_tail(value)
    assert len(masked) == len(value.strip())
    assert sum(1 for c in masked if c.isalnum()) <= 4
