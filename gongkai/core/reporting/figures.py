"""The figures a drafted narrative may state, gathered from the platform's data.

Every number in a drafted paragraph comes from here or from the report's own tables. A
source that is not available is ``None``: the drafter then asks staff to fill the paragraph
in (a placeholder that blocks publication) instead of printing a number nobody counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.core.fees.statistics import FeeFigures
from gongkai.core.statistics.narrative import ApplicationFigures

__all__ = ["DraftFigures", "FeeFigures"]


@dataclass(frozen=True)
class DraftFigures:
    agency: str
    year: int
    applications: ApplicationFigures | None = None
    # The catalogue's figures (gongkai.core.catalogue.figures.catalogue_figures_from keys).
    catalogue: Mapping[str, Any] | None = None
    fees: FeeFigures | None = None
