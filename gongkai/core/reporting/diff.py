"""What changed between two versions of a report: every cell, the text, the metadata.

A correction is published as a new version whose note says what changed; the computed
difference is stored beside the author's note, so a reader never depends on the note alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, format_cell_paths
from gongkai.core.report.naming import cell_name


@dataclass(frozen=True)
class CellChange:
    path: str
    before: Any
    after: Any

    def describe(self) -> str:
        return f"{cell_name(self.path)}：{_shown(self.before)} → {_shown(self.after)}"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ReportDiff:
    cells: list[CellChange]
    sections: list[str]  # keys of the narrative sections whose text changed
    meta: list[str]  # other fields that changed (title, contact, period)

    def is_empty(self) -> bool:
        return not (self.cells or self.sections or self.meta)

    def lines(self) -> list[str]:
        out = [c.describe() for c in self.cells]
        titles = dict(zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True))
        out += [f"正文「{titles.get(key, key)}」有修改" for key in self.sections]
        out += [f"{_META_NAMES.get(m, m)}有修改" for m in self.meta]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "cells": [c.to_json() for c in self.cells],
            "sections": list(self.sections),
            "meta": list(self.meta),
        }


_META_NAMES = {"title": "标题", "contact": "联系方式", "period": "统计期限", "agency": "机关名称"}


def _shown(value: Any) -> str:
    return "空" if value is None else str(value)


def diff_reports(old: AnnualReport, new: AnnualReport) -> ReportDiff:
    paths = dict.fromkeys(format_cell_paths(old.format)) | dict.fromkeys(
        format_cell_paths(new.format)
    )
    cells = [
        CellChange(p, old.get(p) if _has(old, p) else None, new.get(p) if _has(new, p) else None)
        for p in paths
    ]
    changed = [c for c in cells if c.before != c.after]
    old_texts = {s.key: s.text for s in old.sections}
    new_texts = {s.key: s.text for s in new.sections}
    sections = [
        k for k in dict.fromkeys([*old_texts, *new_texts]) if old_texts.get(k) != new_texts.get(k)
    ]
    meta = [m for m in _META_NAMES if getattr(old, m) != getattr(new, m)]
    return ReportDiff(changed, [k for k in sections if k is not None], meta)


def _has(report: AnnualReport, path: str) -> bool:
    try:
        report.get(path)
    except (KeyError, TypeError):
        return False
    return True
