"""The narrative's own figures as evidence for splitting a glued row.

``行政规范性文件6026`` reads as 6/0/26, 60/2/6 or 6/02/… — the row has no total to decide
by; but the same report may say "现行有效规范性文件26件". Where the narrative states a
figure of a row in doubt, and exactly the readings that agree with it remain, those are
kept and the row is reported as decided by the narrative (a narrative can be wrong, so
the decision is never silent). Only plain, unique statements count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from gongkai.core.checks import narrative_text as nt
from gongkai.core.parsing.readings import RowReading
from gongkai.core.report.model import Section

_SECTIONS = {
    "received": ("overview", "applications"),
    "outcomes": ("overview", "applications"),
    "review": ("overview", "review_litigation"),
    "proactive": ("overview", "proactive"),
}
_OUTCOME_PATHS = {
    "granted": "table3.granted.total",
    "partially_granted": "table3.partially_granted.total",
}
_REVIEW_PATHS = {
    "review": "table4.review_total",
    "suit_direct": "table4.suit_direct_total",
    "suit_after_review": "table4.suit_after_review_total",
}


def stated_figures(sections: list[Section]) -> dict[str, int]:
    """Cell path → the one figure the narrative states for it (paths stated twice with
    different figures are left out)."""
    found: dict[str, set[int]] = defaultdict(set)

    def text(kind: str) -> str:
        return "\n".join(s.text for s in sections if s.key in _SECTIONS[kind] and s.text)

    for s in nt.applications_received(text("received")):
        if s.subject == "received":
            found["table3.new_received.total"].add(s.value)
    for s in nt.outcomes(text("outcomes")):
        if s.subject in _OUTCOME_PATHS:
            found[_OUTCOME_PATHS[s.subject]].add(s.value)
    for s in nt.review_litigation_counts(text("review")):
        if s.subject in _REVIEW_PATHS:
            found[_REVIEW_PATHS[s.subject]].add(s.value)
    for s in nt.normative_in_force(text("proactive")):
        found["table2.normative_documents.in_force"].add(s.value)
    return {path: values.pop() for path, values in found.items() if len(values) == 1}


def narrow(
    readings: dict[str, RowReading],
    columns: dict[str, tuple[str, ...]],
    stated: dict[str, int],
) -> dict[str, list[str]]:
    """Keep, in each row with several readings, those that agree with a stated figure.

    Returns row → the paths whose stated figures decided it (for the finding)."""
    decided: dict[str, list[str]] = {}
    for row, reading in readings.items():
        if len(reading.options) < 2:
            continue
        paths = [p for p in columns[row] if p in stated]
        if not paths:
            continue
        keep = [
            i for i, option in enumerate(reading.options) if _agrees(option, columns[row], stated)
        ]
        if keep and len(keep) < len(reading.options):
            reading.options = [reading.options[i] for i in keep]
            reading.gaps = [reading.gaps[i] for i in keep] if reading.gaps else reading.gaps
            decided[row] = paths
    return decided


def _agrees(option: Iterable[object], paths: tuple[str, ...], stated: dict[str, int]) -> bool:
    return all(value == stated[p] for p, value in zip(paths, option, strict=True) if p in stated)
