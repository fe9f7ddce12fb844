"""Which characters stored text may hold: one rule for every intake and every letter.

Text that reaches the database comes from people (the portal form, staff forms, the API)
and from files (catalogue imports). Characters nobody can see or type on purpose have no
place in it, and some of them break what is made from it later: a control character makes a
DOCX invalid XML, NUL cannot be stored in PostgreSQL, a lone surrogate cannot be encoded, and
a bidi override (U+202E) makes a name read differently from what it is.

Unprintable here means, by Unicode general category:

* ``Cc`` control characters, except line feed and tab where multi-line text is allowed
  (a carriage return there is read as a line break: ``\\r\\n`` and ``\\r`` become ``\\n``);
* ``Cf`` format characters: zero-width space U+200B, joiners, the byte-order mark U+FEFF,
  bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), soft hyphen …;
* ``Co`` private use, ``Cs`` surrogates, ``Cn`` unassigned code points, and the 66
  noncharacters (U+FDD0–U+FDEF and the last two code points of every plane);
* the line and paragraph separators U+2028/U+2029 (``Zl``, ``Zp``), which are line breaks
  in multi-line text and refused in a single line.

Intake refuses such text with :func:`text_problem` (a Chinese message naming the character);
stored text is repaired and letters are rendered with :func:`clean_text`, which removes them.
"""

from __future__ import annotations

import unicodedata

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
LINE_SEPARATORS = frozenset({"\u2028", "\u2029"})
MULTILINE_ALLOWED = frozenset({"\n", "\t", "\r"})


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def is_unprintable(char: str, *, multiline: bool = False) -> bool:
    """Whether ``char`` may not be stored (in a multi-line text if ``multiline``)."""
    if multiline and (char in MULTILINE_ALLOWED or char in LINE_SEPARATORS):
        return False
    if char in LINE_SEPARATORS:
        return True
    return unicodedata.category(char) in REFUSED_CATEGORIES or is_noncharacter(char)


def unprintable_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The distinct unprintable characters of ``text``, in order of first appearance."""
    found: dict[str, None] = {}
    for char in text:
        if char.isprintable() and not is_noncharacter(char):
            continue  # the common case, decided without a category lookup
        if is_unprintable(char, multiline=multiline):
            found.setdefault(char, None)
    return list(found)


def describe(char: str) -> str:
    """``U+202E（RIGHT-TO-LEFT OVERRIDE）``: how a message names an invisible character."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code}（{name}）" if name else code


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """A Chinese message if ``text`` holds unprintable characters, else ``None``."""
    found = unprintable_characters(text, multiline=multiline)
    if not found:
        return None
    shown = "、".join(describe(char) for char in found[:3])
    more = f"等{len(found)}种" if len(found) > 3 else ""
    return f"含有不可见字符或控制字符：{shown}{more}。请删除这些字符（多来自复制粘贴）后重新提交"


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without its unprintable characters; in multi-line text every line break
    (``\\r\\n``, ``\\r``, U+2028, U+2029) becomes ``\\n``. Idempotent."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if not unprintable_characters(text, multiline=multiline):
        return text
    return "".join(char for char in text if not is_unprintable(char, multiline=multiline))
