"""One interpreter for every format: a :class:`SourceDocument` → an :class:`AnnualReport`.

It finds the sections, the metadata and the three tables, reads each table row's possible
readings, lets the tables' arithmetic choose among them, and records in the report's
provenance what was blank, missing, unreadable or ambiguous in the source.
"""

from __future__ import annotations

from gongkai.core.parsing import metadata as meta
from gongkai.core.parsing.document import Cell, Line, SourceDocument
from gongkai.core.parsing.mixed_rows import finish_mixed, printed_format, report_assumed
from gongkai.core.parsing.narrative_evidence import narrow, stated_figures
from gongkai.core.parsing.normalize import normalize_text
from gongkai.core.parsing.readings import RowReading
from gongkai.core.parsing.resolve import resolve
from gongkai.core.parsing.row_labels import looks_like_2019_format, t3_row_key
from gongkai.core.parsing.sections import Heading, attach_text, find_headings
from gongkai.core.parsing.tables import TableReading, read_table2, read_table3, read_table4
from gongkai.core.parsing.tokens import region_tokens
from gongkai.core.report import labels as L
from gongkai.core.report.arithmetic import Equation, table3_equations, table4_equations
from gongkai.core.report.model import AnnualReport, CellState, Finding, Severity


def interpret(doc: SourceDocument) -> AnnualReport:
    layout = "text" if _typed_as_text(doc) else doc.format
    lines = doc.lines if layout == "text" else [_normalized(ln) for ln in doc.lines]
    headings = find_headings(lines)
    report = AnnualReport()
    _read_metadata(report, lines, headings, doc.meta.get("title"))
    t2_span, t3_span, t4_span = _regions(lines, headings)
    t2_tokens = region_tokens(lines, *t2_span)
    fmt = _format(report.year, [t.text for t in t2_tokens])
    if fmt != report.format:
        report = AnnualReport(format=fmt)
        _read_metadata(report, lines, headings, doc.meta.get("title"))
    report.sections = attach_text(lines, headings)
    for s in report.sections:
        if s.key and s.line is not None:
            report.locations.setdefault(f"sections.{s.key}", s.line)
    t2_grid, t3_grid, t4_grid = (_grid(layout, lines, s) for s in (t2_span, t3_span, t4_span))
    _fill_table2(report, read_table2(t2_tokens, fmt, grid=t2_grid))
    _fill_table3(report, read_table3(region_tokens(lines, *t3_span), fmt, grid=t3_grid))
    _fill_table4(report, read_table4(region_tokens(lines, *t4_span), grid=t4_grid))
    report.source["format"] = doc.format
    return report


def _typed_as_text(doc: SourceDocument) -> bool:
    """A ``.txt``, or a DOCX/PDF that holds a plain-text report (``text_layout``): its lines
    come from ``text_reader``, already normalised, and its rows are text rows, not a grid."""
    return doc.format == "text" or bool(doc.meta.get("text_layout"))


def _grid(fmt: str, lines: list[Line], span: tuple[int, int]) -> bool:
    """Whether a table region is a real grid, where an empty cell is a blank value.

    HTML and DOCX tables always are. A PDF table is when it was read from its ruling lines
    (``pdf_reader_tables``: every printed cell, empty ones too, is a cell, merged labels are
    marked); rows OCR'd from a scan carry confidences and stay read as text, like a PDF table
    drawn without rulings (no cells at all).
    """
    if fmt in ("html", "docx"):
        return True
    if fmt not in ("pdf", "ofd"):  # an OFD's tables are read by the PDF reader's geometry
        return False
    rows = [line.cells for line in lines[span[0] : span[1]] if line.cells is not None]
    return bool(rows) and all(cell.confidence is None for cells in rows for cell in cells)


def _normalized(line: Line) -> Line:
    cells = None
    if line.cells is not None:
        cells = [Cell(normalize_text(c.text).strip(), c.span, c.confidence) for c in line.cells]
    return Line(line.number, normalize_text(line.text), cells, line.page)


def _format(year: int | None, table2_texts: list[str]) -> str:
    if looks_like_2019_format(table2_texts) or (year is not None and year <= 2020):
        return L.FORMAT_2019
    return L.FORMAT_2021


def _read_metadata(
    report: AnnualReport, lines: list[Line], headings: list[Heading], doc_title: object
) -> None:
    first = headings[0].index if headings else None
    title = meta.title_lines(lines, first)
    report.agency, report.year, report.title = meta.agency_and_year(title)
    if report.agency is None and isinstance(doc_title, str):
        # The printed title can be lost (an image, a converter's blank first page); the
        # document's own title property then still names agency and year.
        agency, year, full = meta.agency_and_year([normalize_text(doc_title)])
        if agency is not None:
            report.agency, report.title = agency, full
            report.year = report.year if report.year is not None else year
    text = "\n".join(ln.text for ln in lines)
    report.period = meta.statistics_period(text)
    if report.year is None and report.period:
        report.year = report.period[0].year
    report.publication_date = meta.publication_date(lines)
    preamble = "\n".join(ln.text for ln in lines[: first or 0])
    found = meta.contact(preamble)
    report.contact = found if not found.is_empty() else meta.contact(text[-3000:])


def _regions(
    lines: list[Line], headings: list[Heading]
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Line index ranges of the 表二, 表三 and 表四 sections."""
    index = {h.section.key: i for i, h in enumerate(headings) if h.section.key}

    def span(key: str) -> tuple[int, int] | None:
        if key not in index:
            return None
        i = index[key]
        end = headings[i + 1].index if i + 1 < len(headings) else len(lines)
        return headings[i].index + 1, end

    t3 = span("applications") or _anchor_span(lines)
    t2 = span("proactive") or (0, t3[0])
    t4 = span("review_litigation") or (t3[1], len(lines))
    return t2, t3, t4


def _anchor_span(lines: list[Line]) -> tuple[int, int]:
    """Without headings: 表三 runs from its first row label to its last."""
    hits = [
        i
        for i, ln in enumerate(lines)
        for text in ([c.text for c in ln.cells] if ln.cells else [ln.text])
        if t3_row_key(text, "other_fee_unpaid") in ("new_received", "carried_forward")
    ]
    if not hits:
        return len(lines), len(lines)
    return max(0, hits[0] - 3), min(len(lines), hits[-1] + 2)


def _not_found(report: AnnualReport, table: str, name: str) -> None:
    report.findings.append(
        Finding(
            "PARSE-TABLE-NOT-FOUND",
            Severity.ERROR,
            [table],
            f"未能在文档中找到{name}（按格式应在报告第{_section_of(table)}部分），"
            "表中数值均未读取。",
        )
    )


def _section_of(table: str) -> str:
    return {"table2": "二", "table3": "三", "table4": "四"}[table]


def _mark_reading(
    report: AnnualReport, reading: RowReading, paths: tuple[str, ...], row_path: str
) -> None:
    if reading.missing:
        report.provenance[row_path] = CellState.MISSING
    if reading.too_many:
        for p in paths:
            report.provenance[p] = CellState.AMBIGUOUS
    for col in reading.blank:
        report.provenance[paths[col]] = CellState.BLANK
    for col, text in reading.unreadable.items():
        report.provenance[paths[col]] = CellState.UNREADABLE
        report.source.setdefault("unreadable_text", {})[paths[col]] = text


def _apply(
    report: AnnualReport,
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    equations: list[Equation],
) -> None:
    decided: dict[str, list[str]] = {}
    if any(len(r.options) > 1 for r in readings.values()):
        decided = narrow(readings, columns, stated_figures(report.sections))
    result = resolve(readings, columns, equations)
    for row, paths in decided.items():
        # The narrative may only narrow a row ("21" in force leaves 3/915/21, 39/15/21 …):
        # unless the row is then settled, it was not decided by the narrative.
        if not result.ambiguous.intersection(columns[row]):
            report.source.setdefault("decided_by_narrative", {})[_row_path(columns[row])] = paths
    for row, reading in readings.items():
        if reading.run_together and result.inferred.intersection(columns[row]):
            # a glued run read with an empty cell: the split itself rests on the arithmetic
            report.provenance.setdefault(_row_path(columns[row]), CellState.MISSING)
    for row, options in result.candidates.items():
        readings_text = ["/".join("空" if v is None else str(v) for v in o) for o in options]
        report.source.setdefault("candidates", {})[_row_path(columns[row])] = readings_text
    if equations:  # without them nothing is inferred: the values are the rows read
        _keep_absent_rows_absent(report, result.values)
        result.inferred &= set(result.values)
    report.set_all(result.values)
    for path in sorted(result.inferred):
        if report.provenance.get(path) != CellState.UNREADABLE:
            report.inferred.append(path)
    for path in sorted(result.ambiguous):  # sorted: the same output every run
        report.provenance.setdefault(path, CellState.AMBIGUOUS)


def _keep_absent_rows_absent(report: AnnualReport, values: dict[str, int | str | None]) -> None:
    """A row the source omits stays absent, even where the arithmetic would determine it."""
    absent = {
        f"{table}.{row}"
        for table in ("table2", "table3")
        for row, cells in getattr(report, table).items()
        if cells is None
    }
    if absent:
        for path in [p for p in values if p.rsplit(".", 1)[0] in absent]:
            del values[path]


def _row_path(paths: tuple[str, ...]) -> str:
    """``table3.granted`` for a 表三 row's cells, ``table4`` for 表四's, a single-value 表二
    row's own path."""
    first = paths[0]
    if first.startswith("table4."):
        return "table4"
    return first if len(paths) == 1 and first.count(".") == 1 else first.rsplit(".", 1)[0]


def _fill_table3(report: AnnualReport, reading: TableReading) -> None:
    if not reading.found:
        _not_found(report, "table3", "表三（收到和处理政府信息公开申请情况）")
        return
    columns: dict[str, tuple[str, ...]] = {}
    # The rows read are those of the format the table prints (mixed_rows), even where it
    # is not the report's: their own equations choose among their readings.
    printed = printed_format(report.format, reading)
    rows = L.t3_rows(printed)
    for row in rows:
        paths = _T3_PATHS[row]
        columns[row] = paths
        if row not in reading.rows:
            report.table3[row] = None
            report.provenance[f"table3.{row}"] = CellState.ROW_MISSING
            continue
        report.table3.setdefault(row, dict.fromkeys(L.T3_COLUMNS))
        report.locations.update(dict.fromkeys(paths, reading.lines[row]))
        report.locations[f"table3.{row}"] = reading.lines[row]
        _mark_reading(report, reading.rows[row], paths, f"table3.{row}")
    present = {r: reading.rows[r] for r in rows if r in reading.rows}
    _apply(report, present, columns, table3_equations(printed))
    report_assumed(report, "table3", reading)
    finish_mixed(report, printed, reading)


# Every 表三 row of either format with its cells' paths, made once.
_T3_PATHS = {
    row: L.t3_row_paths(row) for row in (*L.t3_rows(L.FORMAT_2021), *L.t3_rows(L.FORMAT_2019))
}


def _fill_table4(report: AnnualReport, reading: TableReading) -> None:
    if not reading.found:
        _not_found(report, "table4", "表四（行政复议、行政诉讼情况）")
        return
    paths = tuple(f"table4.{c}" for c in L.T4_COLUMNS)
    row = reading.rows["table4"]
    report.locations.update(dict.fromkeys(paths, reading.lines["table4"]))
    report.locations["table4"] = reading.lines["table4"]
    _mark_reading(report, row, paths, "table4")
    _apply(report, {"table4": row}, {"table4": paths}, table4_equations())


def _fill_table2(report: AnnualReport, reading: TableReading) -> None:
    if not reading.found:
        _not_found(report, "table2", "表二（主动公开政府信息情况）")
        return
    for key in report.table2:
        row_path = f"table2.{key}"
        if key not in reading.rows:
            report.table2[key] = None
            report.provenance[row_path] = CellState.ROW_MISSING
            continue
        cols = _t2_columns(report.format, key)
        paths = tuple(f"{row_path}.{c}" for c in cols) if cols else (row_path,)
        report.locations.update(dict.fromkeys(paths, reading.lines[key]))
        report.locations[row_path] = reading.lines[key]
        row = reading.rows[key]
        _mark_reading(report, row, paths, row_path)
        _apply(report, {key: row}, {key: paths}, [])
    report_assumed(report, "table2", reading)
    procurement = report.table2.get("government_procurement")
    if isinstance(procurement, dict) and isinstance(procurement.get("projects"), str):
        # read as text for its decimal amount; the number of projects is a count
        text = procurement["projects"]
        procurement["projects"] = int(text) if text.isdigit() else None


def _t2_columns(fmt: str, key: str) -> tuple[str, ...]:
    if fmt == L.FORMAT_2019:
        return L.T2_2019_ROWS[key]
    return L.T2_ROW_BY_KEY[key].columns
