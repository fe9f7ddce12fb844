"""Recognising a misprinted row label by its place in the table and its likeness.

Offices misprint labels: a character dropped ("本机关不掌握相关政府信"), one swapped
("属于三类内部事物信息"), a distinctive word cut ("申请人逾期未按通知要求缴费用"). When a
label's distinctive words (:mod:`row_labels`) are not found but figures follow it, the
rows the format expects there are those after the last recognised row and before the
next one; the printed text is compared with their standard labels and the most similar
is taken, above a threshold. Printed numbering ("5.", "(三)") that agrees with the
expected row's lowers the threshold; numbering that contradicts it raises it. Every such
reading is an assumption the interpreter reports (``PARSE-LABEL-ASSUMED``).

Only labels the word match missed come here, so the cost is paid on a handful of cells.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from gongkai.core.parsing.normalize import match_key, normalize_text
from gongkai.core.report import labels as L

# Longer text is narrative that happens to sit between rows, never a label.
MAX_LABEL = 60
# Rows looked at past the last recognised one when the next recognised row is not known.
_WINDOW = 3
# Similarity needed: with numbering that agrees, without numbering, and against it.
_WITH_NUMBER = 0.5
_PLAIN = 0.72
_AGAINST_NUMBER = 0.85

_CJK_NUMERALS = "一二三四五六七八九十"
_NUMBERING = re.compile(
    r"^\s*(?:\(\s*(?P<paren>[一二三四五六七八九十])\s*\)"
    r"|(?P<cjk>[一二三四五六七八九十])\s*[、.]"
    r"|(?P<digit>\d{1,2})\s*[.、]?(?=\D))"
)
# A group's own header run into its first item: "(四)无法提供1.本机关…".
_GROUP_PREFIX = re.compile(
    r"^\s*(?:三\s*、?\s*本年度办理结果)?\s*"
    r"(?:\(?\s*[三四五六]\s*\)?\s*(?:不予公开|无法提供|不予处理|其他处理))?\s*"
)
# 表二's column headings, which crawler text runs into the first row's label.
_T2_HEADER_PREFIX = re.compile(
    r"^(?:第二十条第\(?[一二三四五六七八九十]+\)?项|信息内容|本年制发件数|本年废止件数|现行有效件数"
    r"|本年处理决定数量|本年收费金额\(?单位[:：]?万元\)?|本年新制作数量|本年新公开数量"
    r"|对外公开总数量|上一年项目数量|本年增/?减|处理决定数量|采购项目数量|采购总金额)+"
)
# Known variants seen in the wild, beside the standard labels (match_key form).
_T3_VARIANTS: dict[str, tuple[str, ...]] = {
    "partially_granted": ("部分公开",),
    "unable_not_held": ("本单位不掌握相关政府信息",),
    "other_fee_unpaid": ("申请人逾期未按通知要求缴纳费用行政机关不再处理其政府信息公开申请",),
}


def split_numbering(text: str) -> tuple[str | None, str]:
    """("5", "属于三类内部事务信息") for "5.属于三类内部事务信息"; numbering as a string."""
    m = _NUMBERING.match(text)
    if not m:
        return None, match_key(text)
    number = m.group("paren") or m.group("cjk") or m.group("digit")
    return number, match_key(text[m.end() :])


def _digit(number: str) -> str:
    return str(_CJK_NUMERALS.index(number) + 1) if number in _CJK_NUMERALS else number


@cache
def _t3_standards() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Per row: its printed numbering (as a digit) and its label bodies (match_key form)."""
    out: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for row in (*L.T3_ROWS, "other_processing"):  # both formats: a report may mix them
        # NFKC first, as printed text is: "（六）" becomes "(六)", which the numbering takes
        number, body = split_numbering(normalize_text(L.T3_ROW_LABELS_2019[row]))
        out[row] = (_digit(number) if number else None, (body, *_T3_VARIANTS.get(row, ())))
    return out


@cache
def _t2_standards(fmt: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    if fmt == L.FORMAT_2019:
        return {row: (None, (match_key(label),)) for row, label in L.T2_2019_LABELS.items()}
    return {row.key: (None, (match_key(row.label),)) for row in L.T2_ROWS}


def similarity(a: str, b: str) -> float:
    """The larger of the character-bigram Dice coefficient and the edit similarity.

    Dice is fair to long labels with a character changed in the middle; the edit
    similarity (one minus the optimal-string-alignment distance over the longer length,
    so a transposition is one edit) is fair to short ones, where one wrong character
    breaks half the bigrams.
    """
    if not a or not b:
        return 0.0
    return max(_dice(a, b), 1 - _osa_distance(a, b) / max(len(a), len(b)))


def _dice(a: str, b: str) -> float:
    pa = [a[i : i + 2] for i in range(len(a) - 1)]
    pb = [b[i : i + 2] for i in range(len(b) - 1)]
    if not pa or not pb:
        return 0.0
    rest = list(pb)
    common = 0
    for gram in pa:
        if gram in rest:
            rest.remove(gram)
            common += 1
    return 2 * common / (len(pa) + len(pb))


def _osa_distance(a: str, b: str) -> int:
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def expected_rows(
    order: tuple[str, ...], previous: str | None, following: str | None, seen: set[str]
) -> tuple[str, ...]:
    """The rows the format puts between the last recognised row and the next one."""
    start = order.index(previous) + 1 if previous in order else 0
    if following in order and order.index(following) >= start:
        end = order.index(following)
    else:
        end = min(len(order), start + _WINDOW)
    return tuple(r for r in order[start:end] if r not in seen)


def assume_t3_row(text: str, candidates: tuple[str, ...], fmt: str) -> str | None:
    """The candidate row a misprinted 表三 label most likely is, or None."""
    if len(text) > MAX_LABEL or not candidates:
        return None
    return _best(text, candidates, "table3", fmt)


def assume_t2_row(text: str, candidates: tuple[str, ...], fmt: str) -> str | None:
    if len(text) > MAX_LABEL or not candidates:
        return None
    return _best(text, candidates, "table2", fmt)


# Bounded: a long-running worker sees ever new misprints, each worth caching only a while.
@lru_cache(maxsize=4096)
def _best(text: str, candidates: tuple[str, ...], table: str, fmt: str) -> str | None:
    standards = _t3_standards() if table == "table3" else _t2_standards(fmt)
    prefix = _GROUP_PREFIX if table == "table3" else _T2_HEADER_PREFIX
    rest = prefix.sub("", text.replace(" ", ""), count=1)
    number, body = split_numbering(rest)
    if len(body) < 2:
        return None
    scored: list[tuple[float, str]] = []
    for row in candidates:
        expected, bodies = standards[row]
        agrees = number is not None and _digit(number) == expected
        if len(bodies[0]) < 3 and not agrees:
            continue  # "总计", "其他" are column headings too: only with their numbering
        score = max(similarity(body, b) for b in bodies)
        if number is None or expected is None:
            needed = _PLAIN
        elif agrees:
            needed = _WITH_NUMBER
        else:
            needed = _AGAINST_NUMBER
        if score >= needed:
            scored.append((score, row))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05:
        return None  # two rows fit about as well: not a reading to assume
    return scored[0][1]


_TRAILING_FIGURES = re.compile(r"[\d\s.,|]+$")
_NUMBERED_LIKE_SECTIONS = ("new_received", "carried_over", "carried_forward")


def is_misprinted_numbered_row(title: str) -> bool:
    """Whether an unknown "一、…" heading is a misprint of a 表三 row numbered like a section
    ("一、年新收政府信息公开申请数量"): it must not end the table's section."""
    label = _TRAILING_FIGURES.sub("", title)  # crawler text runs the figures on
    return _best(label, _NUMBERED_LIKE_SECTIONS, "table3", L.FORMAT_2021) is not None
