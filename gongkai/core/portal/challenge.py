"""A question any person can answer without JavaScript: small sums written in Chinese.

The question is made from two random numbers; the answer may be typed in Arabic digits
(全角 or 半角) or in Chinese numerals (``八``, ``十二``, ``二十``). The shell keeps only a
keyed hash of the answer in the form, so a robot cannot read the answer from the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CHINESE_NUMBER = re.compile(r"([一二三四五六七八九]?十)?([零一二三四五六七八九])?")


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals: ``七``, ``十二``, ``二十``, ``三十五``."""
    if not 0 <= n < 100:
        raise ValueError("只支持0到99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = ("" if tens == 1 else DIGITS[tens]) + "十"
    return head + (DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Question:
    text: str
    answer: int


def make_question(a: int, b: int, subtract: bool) -> Question:
    """``三加五等于几？`` or ``十二减四等于几？`` (never a negative result)."""
    if subtract:
        big, small = max(a, b), min(a, b)
        return Question(f"{chinese_number(big)}减{chinese_number(small)}等于几？", big - small)
    return Question(f"{chinese_number(a)}加{chinese_number(b)}等于几？", a + b)


def parse_answer(text: str) -> int | None:
    value = text.strip().translate(_FULLWIDTH)
    if value.isdigit() and len(value) <= 3:
        return int(value)
    if not value:
        return None
    match = _CHINESE_NUMBER.fullmatch(value)
    if match is None or not (match.group(1) or match.group(2)):
        return None
    tens_part, ones_part = match.group(1), match.group(2)
    tens = 0
    if tens_part:
        tens = DIGITS.index(tens_part[0]) if len(tens_part) == 2 else 1
    ones = DIGITS.index(ones_part) if ones_part else 0
    if tens_part and ones_part == "零":
        return None
    return tens * 10 + ones
