from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.privacy import mask_address, mask_email, mask_id_number, mask_phone


def test_id_numbers() -> None:
    assert mask_id_number("110101199003071234") == "110101********1234"
    assert mask_id_number("居民身份证 11010119900307123X") == "居民身份证 110101********123X"
    assert mask_id_number("E1234567") == "E*****67"
    assert mask_id_number("") == ""


def test_phones_emails_addresses() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0000-1234567") == "000*-***4567"
    assert mask_phone("110") == "***"
    assert mask_email("zhou@example.cn") == "z***@example.cn"
    assert mask_address("河北省清河县人民路1号3单元") == "河北省清河县****"


@given(st.from_regex(r"\A[0-9]{17}[0-9X]\Z"))
def test_an_identity_number_never_shows_its_birth_date(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    assert masked[6:14] == "*" * 8


@given(st.from_regex(r"\A1[3-9][0-9]{9}\Z"))
def test_a_mobile_number_hides_four_digits(number: str) -> None:
    masked = mask_phone(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:] and masked[3:7] == "****"
