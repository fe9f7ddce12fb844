"""Scoring a reading against the report it came from, cell by cell.

Each cell of 表二/表三/表四 is **right** (the value read is the value printed), **flagged**
(wrong, but a finding's ``where`` names the cell, its row or its table, or the reader
refused the document with a message) or **silent** (wrong, and nothing says so). The rules
mirror ``shared/checks/seeds-in-the-wild``; both work on canonical JSON. As there, a cell
printed empty (``provenance`` "blank" in the expected report; the generator only empties
zeros) is right read as null or as 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MISSING = "<missing>"


def cells(expected: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(path, value) for every cell of the expected report's tables."""
    for row, values in expected["table3"].items():
        if values is None:
            yield f"table3.{row}", None
            continue
        for col, v in values.items():
            yield f"table3.{row}.{col}", v
    for key, v in expected["table4"].items():
        yield f"table4.{key}", v
    for key, v in expected.get("table2", {}).items():
        if isinstance(v, dict):
            for col, vv in v.items():
                yield f"table2.{key}.{col}", vv
        else:
            yield f"table2.{key}", v


def _meta(doc: dict[str, Any]) -> tuple[Any, Any]:
    return doc.get("agency"), doc.get("year")


def value(doc: dict[str, Any], path: str) -> Any:
    cur: Any = doc
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return MISSING
        cur = cur[part]
    return cur


def flagged(path: str, where: set[str]) -> bool:
    parts = path.split(".")
    return any(".".join(parts[:i]) in where for i in range(1, len(parts) + 1))


@dataclass
class Score:
    total: int = 0
    right: int = 0
    flagged: int = 0
    silent: int = 0
    documents: int = 0
    refused: int = 0
    # documents read whose agency or year is not the report's (metadata, not a cell: a
    # crawler's "【标题】" read into the agency's name is wrong data all the same)
    wrong_meta: int = 0
    examples: list[str] = field(default_factory=list)

    def add(
        self,
        expected: dict[str, Any],
        read: dict[str, Any] | None,
        label: str = "",
        null_ok: frozenset[str] = frozenset(),
    ) -> None:
        """Score one document; ``read`` None: the reader refused it (an InputError).
        ``null_ok``: table3 rows whose cells may read as null (blank in the source)."""
        self.documents += 1
        if read is None:
            self.refused += 1
        if read is not None and _meta(read) != _meta(expected):
            self.wrong_meta += 1
            if len(self.examples) < 5:
                self.examples.append(
                    f"{label} agency/year: expected {_meta(expected)}, read {_meta(read)}"
                )
        where = {w for f in (read or {}).get("findings", []) for w in f.get("where", [])}
        blank = {p for p, state in expected.get("provenance", {}).items() if state == "blank"}
        for path, want in cells(expected):
            self.total += 1
            got = MISSING if read is None else value(read, path)
            row = path.split(".")[1] if path.count(".") == 2 else ""
            if (
                got == want
                or (got is None and path.startswith("table3.") and row in null_ok)
                or (path in blank and got in (None, 0))
            ):
                self.right += 1
            elif read is None or flagged(path, where):
                self.flagged += 1
            else:
                self.silent += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{label} {path}: expected {want!r}, read {got!r}")

    def merge(self, other: Score) -> None:
        for name in ("total", "right", "flagged", "silent", "documents", "refused", "wrong_meta"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples += other.examples[: max(0, 5 - len(self.examples))]

    @property
    def percent_right(self) -> float:
        return 100 * self.right / self.total if self.total else 0.0
