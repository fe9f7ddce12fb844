"""Recognising the printed row labels of 表二 and 表三 in every variant seen in the wild.

Labels are compared on their :func:`match_key` (no spaces, brackets or punctuation) and
matched on their distinctive words, so that "（四）无法提供 1. 本单位不掌握相关政府信息",
"1.本机关不掌握相关政府信息" and a label split over two cells all read the same.
"""

from __future__ import annotations

import functools
import re

from gongkai.core.parsing.label_match import assume_t2_row, assume_t3_row, expected_rows
from gongkai.core.parsing.normalize import match_key
from gongkai.core.report import labels as L

# Distinctive words per 表三 row; a row label must contain one of them.
_T3_WORDS: dict[str, tuple[str, ...]] = {
    "new_received": ("本年新收",),
    "carried_over": ("上年结转",),
    "granted": ("予以公开",),
    "partially_granted": ("部分公开",),
    "denied_state_secret": ("属于国家秘密", "国家秘密"),
    "denied_law_prohibited": ("法律行政法规禁止公开", "法律法规禁止公开"),
    "denied_security_stability": ("三安全一稳定",),
    "denied_third_party": ("保护第三方合法权益", "第三方合法权益"),
    "denied_internal_affairs": ("三类内部事务",),
    "denied_process_info": ("四类过程性",),
    "denied_enforcement_file": ("行政执法案卷",),
    "denied_query_matter": ("行政查询事项",),
    "unable_not_held": ("不掌握相关政府信息", "不掌握相关信息"),
    "unable_needs_creation": ("没有现成信息", "另行制作"),
    "unable_still_unclear": ("补正后申请内容仍不明确", "仍不明确"),
    "not_processed_petition": ("信访举报投诉",),
    "not_processed_repeat": ("重复申请",),
    "not_processed_publication": ("公开出版物",),
    "not_processed_mass_repeat": ("大量反复申请",),
    "not_processed_confirm_reissue": ("确认或重新出具",),
    "other_no_supplement": ("逾期不补正",),
    "other_fee_unpaid": ("缴纳费用",),
    "carried_forward": ("结转下年度",),
}
_WORD_TO_ROW = {w: row for row, words in _T3_WORDS.items() for w in words}
_T3_WORD_RE = re.compile("|".join(sorted(map(re.escape, _WORD_TO_ROW), key=len, reverse=True)))
_NUMBERED_OTHER = re.compile(r"^(?:\(六\))?(?:其他处理)?3?其他$")
_RESULTS_TOTAL = re.compile(r"^(?:三本年度办理结果)?(?:\(七\)|七)?总计$")
_OTHER_PROCESSING_2019 = re.compile(r"^\(?六\)?其他处理$")
# Longest label we accept as a cell: longer text is narrative that merely mentions words.
_MAX_LABEL = 60


# Rows of both formats in printed order: a report may mix them (the 2019 single
# （六）其他处理 row in a 2021 table, or the reverse), and every row printed is read.
T3_ORDER: tuple[str, ...] = (*L.T3_ROWS[:20], "other_processing", *L.T3_ROWS[20:])


def t3_row_key(text: str, previous: str | None, fmt: str = L.FORMAT_2021) -> str | None:
    """The 表三 row a cell's text labels, given the row matched before it (or None).

    Rows of the other format are returned too (the interpreter decides what a mix
    means); the 2019 （六）其他处理 row is recognised only with its figures after it, by
    :func:`assume_t3`, since in the 2021 format the same words head a group.
    """
    if len(text) > _MAX_LABEL:
        return None
    return _t3_row_key(text, previous)


# Labels recur in every report: their rows are remembered (the text is at most _MAX_LABEL).
@functools.lru_cache(maxsize=8192)
def _t3_row_key(text: str, previous: str | None) -> str | None:
    key = match_key(text)
    raw = text.replace(" ", "")
    if not key:
        return None
    found = _T3_WORD_RE.search(key)
    if found:
        return _WORD_TO_ROW[found.group(0)]
    after = T3_ORDER.index(previous) if previous in T3_ORDER else -1
    # "3.其他" and "（七）总计" are also column headers; they label a row only in sequence.
    if _NUMBERED_OTHER.match(key) and previous in ("other_no_supplement", "other_fee_unpaid"):
        return "other_other"
    if _RESULTS_TOTAL.match(key) and ("七" in raw or after >= T3_ORDER.index("granted")):
        return "results_total"
    return None


def is_single_other_row(text: str) -> bool:
    """Whether the text is the 2019 format's own label "（六）其他处理" (not a misprint)."""
    return bool(_OTHER_PROCESSING_2019.match(match_key(text)))


def assume_t3(
    text: str,
    previous: str | None,
    following: str | None,
    seen: set[str],
    fmt: str,
    *,
    figures: bool = True,
) -> str | None:
    """The row of an unrecognised 表三 label that has cells after it (or None).

    "（六）其他处理" with cells of its own (blank ones too, in a grid) is the 2019 format's
    single row, in either format; any other label, only when a figure follows it, is
    compared with the rows expected at its place.
    """
    after = T3_ORDER.index(previous) if previous in T3_ORDER else -1
    if (
        is_single_other_row(text)
        and after >= T3_ORDER.index("not_processed_confirm_reissue")
        and not seen & {"other_processing", "other_no_supplement", "other_fee_unpaid"}
    ):
        return "other_processing"
    if not figures:
        return None
    # the single row is a candidate too (misprinted), unless the three rows were printed
    blocked = {"other_processing"} if seen.intersection(L.T3_OTHER_ROWS_2021) else set()
    rows = expected_rows(T3_ORDER, previous, following, seen | blocked)
    return assume_t3_row(text, rows, fmt)


def assume_t2(
    text: str, previous: str | None, following: str | None, seen: set[str], fmt: str
) -> str | None:
    """The row of an unrecognised 表二 label that has figures after it (or None)."""
    order = tuple(L.T2_2019_ROWS) if fmt == L.FORMAT_2019 else tuple(r.key for r in L.T2_ROWS)
    return assume_t2_row(text, expected_rows(order, previous, following, seen), fmt)


_T2_WORDS: tuple[tuple[str, str], ...] = (
    ("regulations", "规章"),
    ("normative_documents", "规范性文件"),
    ("administrative_license", "行政许可"),
    ("administrative_penalty", "行政处罚"),
    ("administrative_coercion", "行政强制"),
    ("administrative_fees", "行政事业性收费"),
    ("other_external_services", "其他对外管理服务事项"),
    ("government_procurement", "政府集中采购"),
)


def t2_row_key(text: str) -> tuple[str, str] | None:
    """(row key, the digits run on after the label) for a 表二 row label cell."""
    return _t2_row_key(text) if len(text) <= _MAX_LABEL else _t2_row_key.__wrapped__(text)


@functools.lru_cache(maxsize=8192)
def _t2_row_key(text: str) -> tuple[str, str] | None:
    key = match_key(text)
    if not key or len(key) > 30:
        return None
    for row, word in _T2_WORDS:
        if key.startswith(word) or key.startswith("行政" + word):
            rest = key[key.index(word) + len(word) :]
            if rest and not re.fullmatch(r"[\d.,]+", rest):
                return None  # e.g. "规章制度" in narrative
            return row, rest
    return None


_T4_HEADER_WORDS = (
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
    "维持",
    "纠正",
    "审结",
)


_T4_HEADER_WORD = re.compile("|".join(_T4_HEADER_WORDS))


def is_t4_header(text: str) -> bool:
    key = match_key(text)
    return bool(key) and len(key) <= 12 and _T4_HEADER_WORD.search(key) is not None


def looks_like_2019_format(texts: list[str]) -> bool:
    joined = "".join(match_key(t) for t in texts)
    return "本年新制作数量" in joined or "上一年项目数量" in joined
