"""Tracking numbers: short, human-friendly, unguessable and self-checking.

Format ``YYYY-XXXX-XXXC``: the year, seven random characters from Crockford's base-32
alphabet (no I, L, O, U, so nothing reads as another character) and one check character.
The randomness (35 bits) keeps the numbers from being enumerated, which matters because
the lookup form accepts a tracking number with only four more characters; the check
character turns most typing mistakes into "no such number" before any database query.
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 7
_SHAPE = re.compile(r"(\d{4})([0-9A-Z]{4})([0-9A-Z]{4})")
# Readers type what they think they see: Crockford's decoding of look-alike letters.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def check_char(body: str) -> str:
    # Modulo the prime 31 with position weights: every single wrong character and every swap
    # of two neighbours changes the check, except a swap of 0 and Z (31 apart).
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % 31]


def make_tracking_number(year: int, random_bytes: bytes) -> str:
    """Build a number from at least five random bytes (``secrets.token_bytes(5)``)."""
    if len(random_bytes) < 5:
        raise ValueError("需要至少5个随机字节")
    value = int.from_bytes(random_bytes[:5], "big")
    chars = []
    for _ in range(RANDOM_CHARS):
        value, index = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[index])
    body = f"{year:04d}" + "".join(chars)
    full = body + check_char(body)
    return f"{full[:4]}-{full[4:8]}-{full[8:]}"


def normalize_tracking_number(value: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a tracking number."""
    compact = re.sub(r"[\s\-—_]", "", value).upper().translate(_LOOKALIKES)
    match = _SHAPE.fullmatch(compact)
    if match is None:
        return None
    body = compact[:-1]
    if any(c not in ALPHABET for c in compact[4:]) or check_char(body) != compact[-1]:
        return None
    return f"{compact[:4]}-{compact[4:8]}-{compact[8:]}"
