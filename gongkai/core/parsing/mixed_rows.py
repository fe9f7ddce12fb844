"""What the interpreter reports about rows it read other than by their standard labels.

Two cases: a label recognised only by its place and likeness (``PARSE-LABEL-ASSUMED``),
and a 表三 that prints its （六） rows in the other national format's shape
(``T3-FORMAT-MIXED``): the 2019 single 其他处理 row in a 2021 report, or the 2021 three
rows in a 2019 report. The report's format is its 表二's (and its year's); every row
printed is kept in ``table3`` of the model, and the canonical JSON puts the rows of the
other shape beside ``table3`` (``jsonio``, ``labels.T3_OTHER_FORMAT_KEY``).
"""

from __future__ import annotations

from gongkai.core.parsing.tables import TableReading
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState, Finding, Severity
from gongkai.core.report.naming import cell_name

_FORMAT_NAMES = {L.FORMAT_2021: "2021年", L.FORMAT_2019: "2019年"}


def printed_format(fmt: str, reading: TableReading) -> str:
    """The format whose （六） rows the 表三 read prints."""
    single = "other_processing" in reading.rows
    three = any(r in reading.rows for r in L.T3_OTHER_ROWS_2021)
    if fmt == L.FORMAT_2021 and single and not three:
        return L.FORMAT_2019
    if fmt == L.FORMAT_2019 and three and not single:
        return L.FORMAT_2021
    return fmt


def report_assumed(report: AnnualReport, table: str, reading: TableReading) -> None:
    for row, printed in reading.assumed.items():
        path = f"{table}.{row}"
        report.findings.append(
            Finding(
                "PARSE-LABEL-ASSUMED",
                Severity.WARNING,
                [path],
                f"行名「{printed.strip()}」与格式规定的行名不完全一致，按其在表中的位置和"
                f"字面相近程度读作{cell_name(path)}，请核对原文。",
                reading.lines.get(row),
            )
        )


def finish_mixed(report: AnnualReport, printed: str, reading: TableReading) -> None:
    """Give a mixed 表三 its canonical rows and say what was done."""
    if printed == report.format:
        return
    line = min(
        (
            reading.lines[r]
            for r in ("other_processing", *L.T3_OTHER_ROWS_2021)
            if r in reading.lines
        ),
        default=None,
    )
    paths = [f"table3.{r}" for r in ("other_processing", *L.T3_OTHER_ROWS_2021)]
    own, other = _FORMAT_NAMES[report.format], _FORMAT_NAMES[printed]
    if report.format == L.FORMAT_2021:
        for row in L.T3_OTHER_ROWS_2021:
            report.table3[row] = None
            report.provenance[f"table3.{row}"] = CellState.ROW_MISSING
        done = (
            "「（六）其他处理」只有一行，未分列「1.申请人无正当理由逾期不补正」「2.申请人逾期未按"
            "收费通知要求缴纳费用」「3.其他」三行；该行数字按原样保留，三行不作拆分"
        )
    else:
        _sum_other_rows(report)
        done = "「（六）其他处理」分三行列出；其合计记入「（六）其他处理」一行（推定值）"
    report.findings.append(
        Finding(
            "T3-FORMAT-MIXED",
            Severity.WARNING,
            paths,
            f"表三混用了两种格式：报告为{own}格式，但表三按{other}格式列出办理结果，{done}。"
            "请按同一格式填报。",
            line,
        )
    )


def _sum_other_rows(report: AnnualReport) -> None:
    """A 2019 report's （六）其他处理 is the sum of the three 2021 rows printed for it."""
    rows = [report.table3.get(r) or {} for r in L.T3_OTHER_ROWS_2021]
    total: dict[str, int | None] = {}
    for col in L.T3_COLUMNS:
        values = [row.get(col) for row in rows]
        ints = [v for v in values if isinstance(v, int)]
        total[col] = sum(ints) if len(ints) == len(values) else None
        if total[col] is not None:
            report.inferred.append(f"table3.other_processing.{col}")
    report.table3["other_processing"] = total
