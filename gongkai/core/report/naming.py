"""Chinese names of cells and rows, for messages a report author reads."""

from __future__ import annotations

from gongkai.core.report import labels as L


def t3_row_name(row: str) -> str:
    path = L.T3_ROW_PATHS.get(row)
    if path is None:
        return f"「{L.t3_row_label(row)}」"
    # Sub-items ("1.属于国家秘密") are named with their group ("（三）不予公开").
    if len(path) == 3:
        group = path[1].split("）")[0] + "）"
        return f"「{group}{path[2]}」"
    return f"「{path[-1]}」"


def t3_column_name(col: str) -> str:
    return f"「{L.T3_COLUMN_LABELS[col]}」"


def t4_column_name(col: str) -> str:
    block, _, leaf = col.rpartition("_")
    return f"「{L.T4_BLOCK_LABELS[block]}·{L.T4_LEAF_LABELS[leaf]}」"


def t2_row_name(row: str) -> str:
    if row in L.T2_ROW_BY_KEY:
        return f"「{L.T2_ROW_BY_KEY[row].label}」"
    return f"「{L.T2_2019_LABELS.get(row, row)}」"


def cell_name(path: str) -> str:
    """``table3.unable_not_held.total`` → 表三「（四）1.本机关不掌握相关政府信息」行「总计」列."""
    table, *rest = path.split(".")
    if table == "table3" and len(rest) == 2:
        return f"表三{t3_row_name(rest[0])}行{t3_column_name(rest[1])}列"
    if table == "table3" and len(rest) == 1:
        return f"表三{t3_row_name(rest[0])}行"
    if table == "table4" and rest:
        return f"表四{t4_column_name(rest[0])}"
    if table == "table2" and rest:
        name = f"表二{t2_row_name(rest[0])}"
        if len(rest) == 2:
            label = L.T2_DOC_COLUMN_LABELS.get(rest[1]) or L.T2_2019_COLUMN_LABELS.get(rest[1])
            name += f"「{label or rest[1]}」"
        return name
    return path
