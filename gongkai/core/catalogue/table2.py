"""表二 （主动公开政府信息情况） from the catalogue's data, in the shape of
:func:`gongkai.core.report.model.empty_table2` (report-json.md).

A figure that was never imported stays ``None`` (a blank cell the report checks will flag),
never a guessed 0: a missing import must not pass for "no decisions this year".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gongkai.core.catalogue.business import FigureKind
from gongkai.core.catalogue.normative import DocumentLife, table2_documents
from gongkai.core.report.model import empty_table2

FEN_PER_WAN_YUAN = 1_000_000


def fen_to_wan_yuan(fen: int, decimals: int = 4) -> str:
    """分 → 万元 as the decimal string the report prints (ROUND_HALF_UP at ``decimals``)."""
    quantum = Decimal(1).scaleb(-decimals)
    value = (Decimal(fen) / FEN_PER_WAN_YUAN).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{value:.{decimals}f}"


def build_table2(
    documents: Iterable[DocumentLife],
    figures: Mapping[FigureKind, int],
    year: int,
    *,
    fee_decimals: int = 4,
) -> dict[str, Any]:
    """``figures`` holds counts, and 分 for 行政事业性收费, only for the kinds imported."""
    table = empty_table2()
    table.update(table2_documents(documents, year))
    for kind in (FigureKind.LICENSE, FigureKind.PENALTY, FigureKind.COERCION):
        table[kind.value] = figures.get(kind)
    fen = figures.get(FigureKind.FEES)
    table[FigureKind.FEES.value] = None if fen is None else fen_to_wan_yuan(fen, fee_decimals)
    return table
