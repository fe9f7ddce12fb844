"""Masking of applicants' personal data for lists, exports and roles that do not need it.

Pure string functions. What is kept is just enough to tell two applicants apart on a list or
to confirm a number read out on the telephone: the first and last characters of an identity
number, the first three and last four digits of a phone number, the first letter of an
e-mail address. Whoever needs the full value sees it on the case page (roles.SEES_PERSONAL_DATA).
"""

from __future__ import annotations

import re

MASK = "*"
_DIGITS = re.compile(r"\d")


def _mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    if len(value) <= keep_start + keep_end:
        # Too short to keep anything and still hide something: hide all but the first.
        return value[:1] + MASK * (len(value) - 1) if len(value) > 1 else value
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + MASK * hidden + value[len(value) - keep_end :]


def mask_id_number(value: str) -> str:
    """身份证号 and other document numbers: ``110101********1234`` style.

    A value with a document type before the number (``居民身份证 110101…``) keeps the type.
    """
    text = value.strip()
    if not text:
        return ""
    prefix, _, number = text.rpartition(" ")
    if not number:
        number, prefix = prefix, ""
    masked = _mask_middle(number, 6, 4) if len(number) >= 15 else _mask_middle(number, 1, 2)
    return f"{prefix} {masked}".strip()


def mask_phone(value: str) -> str:
    """Phone numbers: ``138****5678``; a landline ``0000-***4567``; digits only are hidden."""
    text = value.strip()
    digits = _DIGITS.findall(text)
    if len(digits) < 5:
        return MASK * len(text)
    keep_start = 3 if len(digits) >= 11 else 0
    to_hide = len(digits) - keep_start - 4
    out: list[str] = []
    seen = 0
    for char in text:
        if char.isdigit():
            seen += 1
            hide = keep_start < seen <= keep_start + to_hide
            out.append(MASK if hide else char)
        else:
            out.append(char)
    return "".join(out)


def mask_email(value: str) -> str:
    """E-mail: ``z***@example.cn``; the domain stays so the channel can still be recognised."""
    text = value.strip()
    local, at, domain = text.partition("@")
    if not at:
        return _mask_middle(text, 1, 0)
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_address(value: str, keep: int = 6) -> str:
    """A postal address: the first characters (province, county) stay, the rest is hidden."""
    text = value.strip()
    if len(text) <= keep:
        return text
    return text[:keep] + MASK * 4
