"""What the public tracking pages show of an applicant's own identifiers.

Whoever holds the private link sees the case, so the page must never reveal more than that
person needs to recognise it as theirs: the last four characters of a document number or a
phone number, the first letter and domain of an e-mail. Stricter than the staff lists'
masking (:mod:`gongkai.core.privacy`), which keep a region prefix to tell applicants apart.
"""

from __future__ import annotations

MASK = "*"
KEEP_LAST = 4


def last4(value: str) -> str:
    """The last four letters or digits, the part the lookup form asks for."""
    chars = [c for c in value.upper() if c.isalnum()]
    return "".join(chars[-KEEP_LAST:])


def mask_tail(value: str) -> str:
    """Every letter or digit but the last four replaced; separators kept.

    A value of four characters or fewer is hidden entirely, since showing its "last four"
    would show all of it.
    """
    text = value.strip()
    alnum = sum(1 for c in text if c.isalnum())
    if alnum <= KEEP_LAST:
        return MASK * len(text)
    hide = alnum - KEEP_LAST
    out = []
    for char in text:
        if char.isalnum() and hide > 0:
            out.append(MASK)
            hide -= 1
        else:
            out.append(char)
    return "".join(out)


def mask_email(value: str) -> str:
    local, at, domain = value.strip().partition("@")
    if not at:
        return mask_tail(value)
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_name(value: str) -> str:
    """A person's name: the family name (first character) only, ``周**``."""
    text = value.strip()
    return text[:1] + MASK * (len(text) - 1) if len(text) > 1 else text
