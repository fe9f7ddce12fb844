"""Which 表四 column a case result counts in, and which year a case counts in.

Neither is defined by the format (domain.md §6, §10 item 4: UNVERIFIED), so both are settings
with the spec's documented defaults:

* result → column: 维持 = 复议维持 or 驳回复议请求 on the merits, 判决驳回诉讼请求; 纠正 =
  撤销、变更、确认违法、确认无效、责令/判决履行; 其他 = 不予受理、驳回申请、终止、裁定驳回起诉、
  撤诉、不予立案. 尚未审结 is not a result: it is a case without a final result at 31 December.
* year rule: ``filed`` (default) counts each case once, in the year it was filed, with the
  result known by that 31 December; ``open_in_year`` counts a case in every year it was
  pending at some point: in its result column in the year the result came, as 尚未审结 in
  each year it was still open at 31 December.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from gongkai.core.remedies.kinds import RESULT_LABELS, InvalidRemedyCase, ResultKind


class Column(StrEnum):
    UPHELD = "upheld"  # 结果维持
    CORRECTED = "corrected"  # 结果纠正
    OTHER = "other"  # 其他结果


COLUMN_LABELS: dict[Column, str] = {
    Column.UPHELD: "结果维持",
    Column.CORRECTED: "结果纠正",
    Column.OTHER: "其他结果",
}

_R = ResultKind
DEFAULT_RESULT_COLUMNS: dict[ResultKind, Column] = {
    _R.REVIEW_UPHELD: Column.UPHELD,
    _R.REVIEW_CLAIM_DISMISSED: Column.UPHELD,
    _R.REVIEW_CHANGED: Column.CORRECTED,
    _R.REVIEW_REVOKED: Column.CORRECTED,
    _R.REVIEW_CONFIRMED_ILLEGAL: Column.CORRECTED,
    _R.REVIEW_ORDERED_PERFORMANCE: Column.CORRECTED,
    _R.REVIEW_CONFIRMED_VOID: Column.CORRECTED,
    _R.REVIEW_APPLICATION_DISMISSED: Column.OTHER,
    _R.REVIEW_TERMINATED: Column.OTHER,
    _R.REVIEW_NOT_ACCEPTED: Column.OTHER,
    _R.SUIT_CLAIM_DISMISSED: Column.UPHELD,
    _R.SUIT_REVOKED: Column.CORRECTED,
    _R.SUIT_ORDERED_PERFORMANCE: Column.CORRECTED,
    _R.SUIT_CONFIRMED_ILLEGAL: Column.CORRECTED,
    _R.SUIT_CONFIRMED_VOID: Column.CORRECTED,
    _R.SUIT_COMPLAINT_DISMISSED: Column.OTHER,
    _R.SUIT_WITHDRAWN: Column.OTHER,
    _R.SUIT_NOT_FILED: Column.OTHER,
}
del _R


class YearRule(StrEnum):
    FILED = "filed"
    OPEN_IN_YEAR = "open_in_year"


YEAR_RULE_LABELS: dict[YearRule, str] = {
    YearRule.FILED: "按立案（申请）年度计入，每案只计一次，结果以当年12月31日前作出的为准",
    YearRule.OPEN_IN_YEAR: (
        "凡当年内尚在办理的案件均计入：当年审结的按结果计，年底未审结的计尚未审结"
    ),
}
DEFAULT_YEAR_RULE = YearRule.FILED


def result_columns(overrides: Mapping[str, str] | None = None) -> dict[ResultKind, Column]:
    """The result → column mapping with an agency's overrides; any result may move (UNVERIFIED)."""
    mapping = dict(DEFAULT_RESULT_COLUMNS)
    for code, column in (overrides or {}).items():
        try:
            result = ResultKind(code)
        except ValueError:
            raise InvalidRemedyCase(f"未知的复议、诉讼结果代码：{code}") from None
        try:
            mapping[result] = Column(column)
        except ValueError:
            raise InvalidRemedyCase(
                f"“{RESULT_LABELS[result]}”只能计入 upheld（结果维持）、corrected（结果纠正）"
                f"或 other（其他结果），不能计入“{column}”"
            ) from None
    return mapping


def year_rule(value: str) -> YearRule:
    try:
        return YearRule(value)
    except ValueError:
        raise InvalidRemedyCase(
            "表四计入年度规则只能是 filed（按立案年度）或 open_in_year（当年在办），"
            f"不能是“{value}”"
        ) from None
