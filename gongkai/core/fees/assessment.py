"""A fee assessment of one application: the method chosen, its input and the amount.

按件 needs the application's ordinal among the same applicant's applications of the calendar
month (第四条), fixed by day 0 (domain.md §4.2 notes): :func:`ordinal_in_month` computes it
from the applicant's other applications. 按量 needs the page count, which is an explicit input
because how electronic data converts to pages was not read (UNVERIFIED).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.errors import GongkaiError
from gongkai.core.fees.schedules import (
    FIRST_PAID_BAND_END,
    FREE_APPLICATIONS_PER_MONTH,
    PAGE_BANDS,
    FeeMethod,
    fee_for_application,
)


class UnknownApplicant(GongkaiError):
    """按件 needs to know who "the same applicant" is, and the application does not say."""


def applicant_key(*, credit_code: str = "", id_document: str = "") -> str:
    """Who "the same applicant" is (domain.md §4.2): the credit code, else the identity number.

    Names are not identities (two 张三 are two applicants), so without either number 按件
    cannot be counted and the caller is told so instead of given a guess.
    """
    code = "".join(credit_code.split()).upper()
    if code:
        return f"code:{code}"
    document = "".join(id_document.split()).upper()
    if document:
        return f"id:{document}"
    raise UnknownApplicant(
        "按件计收须识别同一申请人：请先在申请中登记身份证明号码或统一社会信用代码"
    )


@dataclass(frozen=True)
class MonthEntry:
    """One application of an applicant: its day 0 and a tie-breaker (registration order)."""

    reference: int
    day0: date
    sequence: int


def ordinal_in_month(target: MonthEntry, same_applicant: Iterable[MonthEntry]) -> int:
    """The 1-based place of ``target`` among the applicant's applications of its month.

    ``same_applicant`` are the applicant's applications (the target may be among them);
    those whose day 0 falls in another calendar month do not count (第四条 自然月). Ties on
    day 0 go by registration order, so two applications never share an ordinal.
    """
    month = (target.day0.year, target.day0.month)
    key = (target.day0, target.sequence, target.reference)
    earlier = {
        entry.reference
        for entry in same_applicant
        if (entry.day0.year, entry.day0.month) == month
        and entry.reference != target.reference
        and (entry.day0, entry.sequence, entry.reference) < key
    }
    return len(earlier) + 1


@dataclass(frozen=True)
class FeeAssessment:
    method: FeeMethod
    ordinal: int | None
    pages: int | None
    amount: int  # whole 元
    explanation: tuple[str, ...]

    @property
    def chargeable(self) -> bool:
        return self.amount > 0


def assess(
    method: FeeMethod, *, ordinal: int | None = None, pages: int | None = None
) -> FeeAssessment:
    """The amount under the one method chosen (第三条), with the lines that justify it."""
    amount = fee_for_application(method, ordinal=ordinal, pages=pages)
    if method is FeeMethod.PER_APPLICATION:
        assert ordinal is not None  # fee_for_application refused otherwise
        lines = _per_application_lines(ordinal, amount)
    else:
        assert pages is not None
        lines = _per_page_lines(pages, amount)
    return FeeAssessment(method, ordinal, pages, amount, tuple(lines))


def _per_application_lines(ordinal: int, amount: int) -> list[str]:
    first = (
        f"依第四条（按件计收），本申请为该申请人本自然月第{ordinal}件申请，"
        f"每月第1至{FREE_APPLICATIONS_PER_MONTH}件不收费"
    )
    if ordinal <= FREE_APPLICATIONS_PER_MONTH:
        return [first + "，本件不收费。"]
    if ordinal <= FIRST_PAID_BAND_END:
        band = f"第{FREE_APPLICATIONS_PER_MONTH + 1}至{FIRST_PAID_BAND_END}件每件100元"
    else:
        low = FIRST_PAID_BAND_END + 1 + (ordinal - FIRST_PAID_BAND_END - 1) // 10 * 10
        band = f"第{low}至{low + 9}件每件{amount}元（第31件起每10件为一档，每档每件加收100元）"
    return [f"{first}，{band}，本件收费{amount}元。"]


def _per_page_lines(pages: int, amount: int) -> list[str]:
    parts = []
    start = 1
    for end, rate in PAGE_BANDS:
        last = pages if end is None else min(pages, end)
        if last >= start:
            count = last - start + 1
            span = f"第{start}至{last}页" if last > start else f"第{start}页"
            parts.append(f"{span}{count}页×{rate}元＝{count * rate}元")
        if end is None or pages <= end:
            break
        start = end + 1
    return [
        f"依第五条（按量计收），本申请提供信息共{pages}页，超额累进计费："
        + "；".join(parts)
        + "。",
        f"合计{amount}元。",
    ]
