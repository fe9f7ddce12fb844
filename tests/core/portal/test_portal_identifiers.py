from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.portal.identifiers import (
    CREDIT_CODE_ALPHABET,
    IdDocument,
    credit_code_check_char,
    credit_code_problem,
    id_document_problem,
    id_number_check_char,
    id_number_problem,
)

# Published codes of real organisations, as printed on their licences.
REAL_CREDIT_CODES = ("9144030071526726XG", "914403001922038216", "91350100M000100Y43")


def test_real_credit_codes_pass() -> None:
    for code in REAL_CREDIT_CODES:
        assert credit_code_problem(code) is None


def test_credit_code_typed_with_spaces_and_lower_case_passes() -> None:
    assert credit_code_problem("91440300 7152 6726xg") is None


def test_credit_code_wrong_check_character() -> None:
    assert (
        credit_code_problem("9144030071526726XA")
        == "统一社会信用代码校验位不正确，请核对后重新填写"
    )


def test_credit_code_length_and_letters() -> None:
    assert credit_code_problem("91440300") == "统一社会信用代码应为18位，您填写了8位"
    problem = credit_code_problem("9144030071526726XI")
    assert problem is not None and "I" in problem


codes17 = st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17)


@given(codes17, st.integers(min_value=0, max_value=16), st.sampled_from(CREDIT_CODE_ALPHABET))
def test_any_single_changed_character_is_caught(body: str, where: int, other: str) -> None:
    code = body + credit_code_check_char(body)
    assert credit_code_problem(code) is None
    if other != code[where]:
        changed = code[:where] + other + code[where + 1 :]
        assert credit_code_problem(changed) is not None


def test_real_shaped_id_numbers() -> None:
    assert id_number_problem("11010519491231002X") is None
    assert id_number_problem("11010519491231002x") is None


def test_id_number_check_digit_and_date() -> None:
    assert id_number_problem("110105194912310021") == "居民身份证号码校验位不正确，请核对后重新填写"
    assert id_number_problem("110105194913310021") == "居民身份证号码中的出生日期不正确"
    future = "110105" + "20300101" + "001"
    assert (
        id_number_problem(future + id_number_check_char(future), date(2026, 1, 1))
        == "居民身份证号码中的出生日期不正确"
    )
    assert id_number_problem("1101051949123") == "居民身份证号码应为18位，您填写了13位"
    assert (
        id_number_problem("11010519491231X02X") == "居民身份证号码前17位应为数字，最后一位为数字或X"
    )


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.dates(date(1900, 1, 1)))
def test_id_number_generated_with_its_check_digit_passes(digits: str, born: date) -> None:
    body = digits[:6] + born.strftime("%Y%m%d") + digits[6:9]
    assert id_number_problem(body + id_number_check_char(body)) is None


def test_id_documents_by_kind() -> None:
    assert id_document_problem("", "E12345678") == "请选择证件类型"
    assert id_document_problem(IdDocument.PASSPORT, "") == "请填写证件号码"
    assert id_document_problem(IdDocument.PASSPORT, "E1234567") is None
    assert id_document_problem(IdDocument.PASSPORT, "E1") == "证件号码应为5至30位字母或数字"
    assert id_document_problem(IdDocument.RESIDENT_ID, "E1234567") is not None
    assert id_document_problem(IdDocument.RESIDENCE_PERMIT, "81000019800101001X") is not None
