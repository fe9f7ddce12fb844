"""Check digits of the two identifiers an application carries (§29 身份证明).

* 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet without
  I, O, Z, S, V; the last one is a check character over the first 17 (weights 3^i mod 31).
* 居民身份证号码 (GB 11643-1999): 17 digits and a check character (ISO 7064 MOD 11-2,
  ``X`` for 10); digits 7–14 are the date of birth.

Each ``*_problem`` function returns a Chinese sentence saying what is wrong, or ``None``.
"""

from __future__ import annotations

import re
from datetime import date

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_NUMBER_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def normalize_code(value: str) -> str:
    """Upper case without spaces or hyphens, as people type them from a licence."""
    return re.sub(r"[\s\-]", "", value).upper()


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    code = normalize_code(value)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，您填写了{len(code)}位"
    bad = sorted({c for c in code if c not in CREDIT_CODE_ALPHABET})
    if bad:
        return f"统一社会信用代码不能包含字符“{'、'.join(bad)}”（不使用I、O、Z、S、V）"
    if credit_code_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对后重新填写"
    return None


def id_number_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_NUMBER_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_number_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_problem(value: str, today: date | None = None) -> str | None:
    """A 居民身份证号码 (18 characters; the 15-digit first generation is no longer valid)."""
    number = normalize_code(value)
    if len(number) != 18:
        return f"居民身份证号码应为18位，您填写了{len(number)}位"
    if not _ID_SHAPE.fullmatch(number):
        return "居民身份证号码前17位应为数字，最后一位为数字或X"
    born = id_number_birth_date(number)
    if born is None or born.year < 1900 or (today is not None and born > today):
        return "居民身份证号码中的出生日期不正确"
    if id_number_check_char(number[:17]) != number[17]:
        return "居民身份证号码校验位不正确，请核对后重新填写"
    return None


_OTHER_DOCUMENT = re.compile(r"[A-Z0-9]{5,30}")


def document_number_problem(value: str) -> str | None:
    """Passports and permits: 5–30 letters or digits (their formats vary by issuer)."""
    if not _OTHER_DOCUMENT.fullmatch(normalize_code(value)):
        return "证件号码应为5至30位字母或数字"
    return None


class IdDocument:
    """The identity documents a natural person may apply with, and how each is checked."""

    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    RESIDENCE_PERMIT = "residence_permit"
    FOREIGNER_PERMANENT = "foreigner_permanent"


ID_DOCUMENT_LABELS: dict[str, str] = {
    IdDocument.RESIDENT_ID: "居民身份证",
    IdDocument.PASSPORT: "护照",
    IdDocument.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    IdDocument.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdDocument.RESIDENCE_PERMIT: "港澳台居民居住证",
    IdDocument.FOREIGNER_PERMANENT: "外国人永久居留身份证",
}


def id_document_problem(kind: str, number: str, today: date | None = None) -> str | None:
    if kind not in ID_DOCUMENT_LABELS:
        return "请选择证件类型"
    if not number.strip():
        return "请填写证件号码"
    # 港澳台居民居住证 numbers follow the 居民身份证 rule (GB 11643, codes 81/82/83).
    if kind in (IdDocument.RESIDENT_ID, IdDocument.RESIDENCE_PERMIT):
        return id_number_problem(number, today)
    return document_number_problem(number)
