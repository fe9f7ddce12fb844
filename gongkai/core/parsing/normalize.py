"""Text normalisation shared by every reader.

Published reports mix full- and half-width forms, traditional characters, zero-width
spaces, markdown emphasis and editor artefacts; everything is brought to one form before
labels are matched and numbers read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# The invisible characters are alternatives of their own, not a class: when every
# alternative begins with a literal character, the engine skips ahead to those characters.
_ARTIFACTS = re.compile(
    r"\[bookmark:[^\]]*\]|\[(?:image|img|图片)[^\]]*\]|&nbsp;|"
    + "|".join("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")
)
# Characters common in report wording that exist only in traditional script.
_TRADITIONAL_MARKERS = frozenset("報開資訊請總計處與於這為門區縣機關權務歲屬們個條經濟議複審")
# The same characters as one regular expression: a search in C, not a set lookup a character.
_TRADITIONAL = re.compile("[" + "".join(sorted(_TRADITIONAL_MARKERS)) + "]")
_SPACES = re.compile(r"[ \u3000\xa0]+")
_MATCH_DROP = re.compile(r"[\s\u3000()（）【】\[\]「」『』\"'“”‘’:：,，、.．;；·•*#|\-_—－]+")


@cache
def _converter() -> object:
    import opencc  # imported lazily: most documents are simplified Chinese

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    if _TRADITIONAL.search(text) is None:
        return text
    converted: str = _converter().convert(text)  # type: ignore[attr-defined]
    return converted


def normalize_text(text: str) -> str:
    """NFKC (full-width digits and brackets → ASCII), simplified script, no artefacts."""
    return _normalize_short(text) if len(text) <= _CACHED_LENGTH else _normalize(text)


_CACHED_LENGTH = 64  # cells and labels recur in every table and report; paragraphs do not


@lru_cache(maxsize=16384)
def _normalize_short(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    text = _ARTIFACTS.sub("", text)
    text = nfkc(text)
    text = to_simplified(text)
    # NFKC leaves the ideographic comma and Chinese quotes alone, which is what we want.
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Compatibility characters that reports use (full-width forms, the ideographic space, small
# and vertical forms, no-break and typographic spaces, the ellipsis, Kangxi radicals and
# compatibility ideographs from PDF text layers).
_COMPATIBILITY_RANGES = (
    (0x00A0, 0x00A0),
    (0x2000, 0x200A),
    (0x2024, 0x2026),
    (0x2F00, 0x2FD5),
    (0x3000, 0x3000),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE6B),
    (0xFF01, 0xFFEE),
)
_COMPATIBILITY = re.compile(
    "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _COMPATIBILITY_RANGES) + "]"
)


@cache
def _decomposed(char: str) -> str:
    return unicodedata.normalize("NFKD", char)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on report text.

    Each compatibility character found is first replaced by its full decomposition (NFKD),
    which leaves the NFKD — and so the NFKC — of the whole text unchanged; when the result
    is then already in NFKC (the usual case: CJK text with full-width punctuation), it is
    the answer, and otherwise the full normalisation of it is, the same as of ``text``.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text  # (text read before, as the checks read it: no character to look at)
    # Each character is replaced everywhere when first met, and the search goes on from
    # there: no list of every full-width comma of the text is made to find the few kinds.
    found = _COMPATIBILITY.search(text)
    while found is not None:
        char, at = found.group(), found.start()
        decomposed = _decomposed(char)
        if decomposed == char:
            at += 1  # (an unassigned code point of the ranges: left as it is)
        else:
            text = text.replace(char, decomposed)
        found = _COMPATIBILITY.search(text, at)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def clean_cell(text: str) -> str:
    """One cell's text: markdown emphasis gone, inner whitespace collapsed."""
    if "**" in text:
        text = text.replace("**", "")
    text = text.strip()
    if "  " in text or "\u3000" in text or "\xa0" in text:
        text = _SPACES.sub(" ", text)
    return text


def match_key(text: str) -> str:
    """A form of a label for comparison: no spaces, brackets or punctuation.

    Expects text that went through :func:`normalize_text` (readers do that first).
    """
    return _short_match_key(text) if len(text) <= _CACHED_LENGTH else _MATCH_DROP.sub("", text)


@lru_cache(maxsize=16384)
def _short_match_key(text: str) -> str:
    # Labels and cells recur in every table and report: their key is computed once.
    return _MATCH_DROP.sub("", text)


_SPACED_DIGITS = re.compile(r"\d\s+\d")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str) -> str | None:
    """The number a cell prints, as a plain decimal string, or None if it is not one.

    Thousands separators are dropped; a trailing unit (件, 万元) is tolerated.
    """
    if text.isdigit() and text.isascii():
        return text
    if not text or text[0] >= "\u2e80":
        return None  # a CJK label, the common case
    t = text.strip()
    if " " in t and _SPACED_DIGITS.search(t):
        return None  # "1 0 0 7" is four cells, never the number 1007
    t = t.replace(" ", "")
    t = re.sub(r"(件|个|条|次|万元|元)$", "", t)
    if not _NUMBER.match(t):
        return None
    return t.replace(",", "").lstrip("+")


_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_year(text: str) -> int | None:
    """``二〇二三`` → 2023."""
    if len(text) != 4 or any(ch not in _CN_DIGITS for ch in text):
        return None
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))
