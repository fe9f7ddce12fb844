"""规章 and 行政规范性文件 over their life cycle → 表二 第二十条第（一）项.

A document is in force from its issue date until it is repealed (废止 / 失效). Amendments
(修订、修正) change its text, not its count: an amended document stays one document in force.
For a year Y:

* 本年制发件数 = documents issued in Y;
* 本年废止件数 = documents repealed in Y;
* 现行有效件数 = documents in force on 31 December of Y.

So in force at the end = in force at the start + issued − repealed (the DERIVED consistency
rule of domain.md §8.3), which the property tests check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.errors import GongkaiError


class DocumentKind(StrEnum):
    REGULATION = "regulations"
    NORMATIVE = "normative_documents"


KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.REGULATION: "规章",
    DocumentKind.NORMATIVE: "行政规范性文件",
}


@dataclass(frozen=True)
class DocumentLife:
    kind: DocumentKind
    issued_on: date
    repealed_on: date | None = None

    def __post_init__(self) -> None:
        if self.repealed_on is not None and self.repealed_on < self.issued_on:
            raise GongkaiError(
                f"废止日期{self.repealed_on.isoformat()}早于制发日期{self.issued_on.isoformat()}"
            )

    def in_force_on(self, day: date) -> bool:
        return self.issued_on <= day and (self.repealed_on is None or self.repealed_on > day)


@dataclass(frozen=True)
class DocumentCounts:
    issued: int
    repealed: int
    in_force: int

    def as_row(self) -> dict[str, int]:
        return {"issued": self.issued, "repealed": self.repealed, "in_force": self.in_force}


def count_documents(docs: Iterable[DocumentLife], year: int, kind: DocumentKind) -> DocumentCounts:
    year_end = date(year, 12, 31)
    issued = repealed = in_force = 0
    for doc in docs:
        if doc.kind is not kind:
            continue
        issued += doc.issued_on.year == year
        repealed += doc.repealed_on is not None and doc.repealed_on.year == year
        in_force += doc.in_force_on(year_end)
    return DocumentCounts(issued, repealed, in_force)


def table2_documents(docs: Iterable[DocumentLife], year: int) -> dict[str, dict[str, int]]:
    """The two rows of 第二十条第（一）项; the 规章 row is always present (domain.md §8.3)."""
    materialised = list(docs)
    return {kind.value: count_documents(materialised, year, kind).as_row() for kind in DocumentKind}


def check_repeal(doc: DocumentLife, on: date) -> None:
    if doc.repealed_on is not None:
        raise GongkaiError(f"该文件已于{doc.repealed_on.isoformat()}废止，不能再次废止")
    if on < doc.issued_on:
        raise GongkaiError(f"废止日期不能早于制发日期{doc.issued_on.isoformat()}")
