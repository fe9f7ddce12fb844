"""行政复议 and 行政诉讼 about disclosure (domain.md §6) and the 表四 they feed (§8.5)."""

from gongkai.core.remedies.kinds import (
    CASE_KIND_LABELS,
    RESULT_LABELS,
    RESULTS_FOR_KIND,
    CaseKind,
    InvalidRemedyCase,
    ResultKind,
    require_result_fits,
)
from gongkai.core.remedies.mapping import (
    COLUMN_LABELS,
    DEFAULT_RESULT_COLUMNS,
    DEFAULT_YEAR_RULE,
    YEAR_RULE_LABELS,
    Column,
    YearRule,
    result_columns,
)
from gongkai.core.remedies.rules import RemedyRules
from gongkai.core.remedies.table4 import RemedyRecord, compute_table4, leaf_for

__all__ = [
    "CASE_KIND_LABELS",
    "COLUMN_LABELS",
    "DEFAULT_RESULT_COLUMNS",
    "DEFAULT_YEAR_RULE",
    "RESULTS_FOR_KIND",
    "RESULT_LABELS",
    "YEAR_RULE_LABELS",
    "CaseKind",
    "Column",
    "InvalidRemedyCase",
    "RemedyRecord",
    "RemedyRules",
    "ResultKind",
    "YearRule",
    "compute_table4",
    "leaf_for",
    "require_result_fits",
    "result_columns",
]
