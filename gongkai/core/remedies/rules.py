"""The 表四 settings of an agency, from configuration: the result mapping and the year rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.remedies.kinds import InvalidRemedyCase, ResultKind
from gongkai.core.remedies.mapping import (
    DEFAULT_YEAR_RULE,
    Column,
    YearRule,
    result_columns,
    year_rule,
)

KNOWN_KEYS = frozenset({"result_columns", "year_rule"})


@dataclass(frozen=True)
class RemedyRules:
    # result code → "upheld" | "corrected" | "other"; only the results to move from the default
    column_overrides: Mapping[str, str] = field(default_factory=dict)
    year_rule: YearRule = DEFAULT_YEAR_RULE

    def __post_init__(self) -> None:
        result_columns(self.column_overrides)  # refuses a bad mapping at start-up

    @property
    def columns(self) -> dict[ResultKind, Column]:
        return result_columns(self.column_overrides)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> RemedyRules:
        """``{"result_columns": {...}, "year_rule": "filed"}``; unknown keys are refused."""
        unknown = sorted(set(values) - KNOWN_KEYS)
        if unknown:
            raise InvalidRemedyCase(f"未知的复议、诉讼统计设置：{'、'.join(unknown)}")
        overrides = values.get("result_columns", {})
        if not isinstance(overrides, Mapping):
            raise InvalidRemedyCase("result_columns 应为“结果代码 → 列”的对照表")
        rule = year_rule(str(values.get("year_rule", DEFAULT_YEAR_RULE.value)))
        return cls({str(k): str(v) for k, v in overrides.items()}, rule)
