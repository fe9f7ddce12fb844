"""Keys and printed labels of the national annual-report format.

Loaded once from ``spec/tables.json`` (a copy of the project's reference spec) so that
the labels exist in exactly one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def _load_spec() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("spec/tables.json").read_text("utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


SPEC = _load_spec()

FORMAT_2021 = "annual-report/2021"
FORMAT_2019 = "annual-report/2019"

REPORT_SECTIONS: tuple[str, ...] = tuple(SPEC["report_sections"])
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "proactive",
    "applications",
    "review_litigation",
    "problems",
    "other",
)
SECTION_TITLES: dict[str, str] = {
    key: label.split("、", 1)[1] for key, label in zip(SECTION_KEYS, REPORT_SECTIONS, strict=True)
}
SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")

T3_COLUMNS: tuple[str, ...] = tuple(c["key"] for c in SPEC["table3"]["columns"])
T3_COLUMN_LABELS: dict[str, str] = {c["key"]: c["label"] for c in SPEC["table3"]["columns"]}
T3_APPLICANT_COLUMNS: tuple[str, ...] = T3_COLUMNS[:-1]

T3_ROWS: tuple[str, ...] = tuple(r["key"] for r in SPEC["table3"]["rows"])
T3_ROW_LABELS: dict[str, str] = {r["key"]: r["label"] for r in SPEC["table3"]["rows"]}
T3_ROW_PATHS: dict[str, tuple[str, ...]] = {
    r["key"]: tuple(r["path"]) for r in SPEC["table3"]["rows"]
}
T3_OUTCOME_ROWS: tuple[str, ...] = T3_ROWS[2:23]
T3_CORNER_NOTE: str = SPEC["table3"]["corner_note"]

# The 2019 format has one （六）其他处理 row in place of the three 2021 rows.
T3_ROWS_2019: tuple[str, ...] = (
    *T3_ROWS[:20],
    "other_processing",
    *T3_ROWS[23:],
)
T3_OUTCOME_ROWS_2019: tuple[str, ...] = T3_ROWS_2019[2:21]
T3_ROW_LABELS_2019: dict[str, str] = {**T3_ROW_LABELS, "other_processing": "（六）其他处理"}

T4_COLUMNS: tuple[str, ...] = tuple(c["key"] for c in SPEC["table4"]["columns"])
T4_COLUMN_PATHS: dict[str, tuple[str, ...]] = {
    c["key"]: tuple(c["path"]) for c in SPEC["table4"]["columns"]
}
T4_BLOCKS: tuple[str, ...] = ("review", "suit_direct", "suit_after_review")
T4_BLOCK_LABELS: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "行政诉讼（未经复议直接起诉）",
    "suit_after_review": "行政诉讼（复议后起诉）",
}
T4_LEAVES: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
T4_LEAF_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


@dataclass(frozen=True)
class Table2Row:
    key: str
    label: str
    block: str
    caption: str
    columns: tuple[str, ...]  # value keys; empty for a single-value row
    column_labels: tuple[str, ...]
    value_type: str  # "int" or "decimal_wan_yuan"


def _table2_rows() -> tuple[Table2Row, ...]:
    value_keys = {"art20_1": ("issued", "repealed", "in_force")}
    rows = []
    for block in SPEC["table2"]["blocks"]:
        for row in block["rows"]:
            rows.append(
                Table2Row(
                    key=row["key"],
                    label=row["label"],
                    block=block["key"],
                    caption=block["caption"],
                    columns=value_keys.get(block["key"], ()),
                    column_labels=tuple(block["columns"][1:]),
                    value_type=block["value_type"],
                )
            )
    return tuple(rows)


T2_ROWS: tuple[Table2Row, ...] = _table2_rows()
T2_ROW_BY_KEY: dict[str, Table2Row] = {r.key: r for r in T2_ROWS}
T2_DOC_COLUMNS: tuple[str, ...] = ("issued", "repealed", "in_force")
T2_DOC_COLUMN_LABELS: dict[str, str] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
}

# 2019 format (国办公开办函〔2019〕60号), see report-json.md.
T2_2019_ROWS: dict[str, tuple[str, ...]] = {
    "regulations": ("made", "published", "in_force_total"),
    "normative_documents": ("made", "published", "in_force_total"),
    "administrative_license": ("items_last_year", "items_change", "decisions"),
    "other_external_services": ("items_last_year", "items_change", "decisions"),
    "administrative_penalty": ("items_last_year", "items_change", "decisions"),
    "administrative_coercion": ("items_last_year", "items_change", "decisions"),
    "administrative_fees": ("items_last_year", "items_change"),
    "government_procurement": ("projects", "amount"),
}
T2_2019_LABELS: dict[str, str] = {
    "regulations": "规章",
    "normative_documents": "规范性文件",
    "administrative_license": "行政许可",
    "other_external_services": "其他对外管理服务事项",
    "administrative_penalty": "行政处罚",
    "administrative_coercion": "行政强制",
    "administrative_fees": "行政事业性收费",
    "government_procurement": "政府集中采购",
}
T2_2019_COLUMN_LABELS: dict[str, str] = {
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "in_force_total": "对外公开总数量",
    "items_last_year": "上一年项目数量",
    "items_change": "本年增/减",
    "decisions": "处理决定数量",
    "projects": "采购项目数量",
    "amount": "采购总金额",
}


@cache
def t3_row_paths(row: str) -> tuple[str, ...]:
    """The paths of a 表三 row's cells, in column order (made once a row)."""
    return tuple(f"table3.{row}.{col}" for col in T3_COLUMNS)


def t3_rows(fmt: str) -> tuple[str, ...]:
    return T3_ROWS_2019 if fmt == FORMAT_2019 else T3_ROWS


def t3_outcome_rows(fmt: str) -> tuple[str, ...]:
    return T3_OUTCOME_ROWS_2019 if fmt == FORMAT_2019 else T3_OUTCOME_ROWS


# The 2021 rows that the 2019 format's single （六）其他处理 row stands for.
T3_OTHER_ROWS_2021: tuple[str, ...] = ("other_no_supplement", "other_fee_unpaid", "other_other")
# Canonical JSON key beside ``table3`` for rows printed in the other format's shape
# (a mixed report): ``{"other_processing": {...}}`` in a 2021 report, the three rows above
# in a 2019 report. ``table3`` itself always holds exactly the report format's rows.
T3_OTHER_FORMAT_KEY = "table3_other_format_rows"


def t3_printed_format(fmt: str, table3: dict[str, Any]) -> str:
    """The format whose （六） rows a report's 表三 prints: its own, or the other one.

    A 2021 report that prints the 2019 single row instead of the three rows (or a 2019
    report the reverse) is read and checked with the equations of the rows it prints.
    """
    single = table3.get("other_processing") is not None
    if fmt == FORMAT_2021 and single and all(table3.get(r) is None for r in T3_OTHER_ROWS_2021):
        return FORMAT_2019
    if fmt == FORMAT_2019 and any(table3.get(r) is not None for r in T3_OTHER_ROWS_2021):
        return FORMAT_2021  # its other_processing is then their sum, not a printed row
    return fmt


def t3_row_label(key: str) -> str:
    return T3_ROW_LABELS_2019.get(key, key)
