"""Repeated requests (重复申请, 表三 （五）2): find the earlier answered case a new one repeats.

条例 §36(六) (domain.md §3.8 ``REPEAT``, VERIFIED): "行政机关已就申请人提出的政府信息公开申请
作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理". Three conditions, each
checked here: the **same applicant**, the **same information**, and an earlier request that
was **answered** before the new one arrived. This only proposes the outcome with the earlier
case; the officer decides.

How "same" is judged (DERIVED, a heuristic): the applicant is the same when both cases carry
an identity document and the documents match, else when the names match; the information is
the same when the descriptions match after normalising (full-width/half-width, case, spaces
and punctuation ignored). Wording that differs in substance is not caught; a false match is
only a proposal. Cases that ended without an answer on the information — 逾期不补正,
逾期未缴费 (视为放弃) and withdrawal (其他处理) — are not "作出答复" (DERIVED).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.outcomes import Outcome

NOT_AN_ANSWER = frozenset(
    {Outcome.ABANDONED_NO_SUPPLEMENT, Outcome.ABANDONED_FEE_UNPAID, Outcome.OTHER}
)


@dataclass(frozen=True)
class RequestFacts:
    """What a request says about who asks for what, and how it ended (if it did)."""

    number: str
    applicant_name: str
    id_document: str
    description: str
    outcome: Outcome | None = None
    answered_on: date | None = None
    arrived_on: date | None = None


def normalised(text: str) -> str:
    """The text with width, case, spaces and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def same_applicant(a: RequestFacts, b: RequestFacts) -> bool:
    if normalised(a.id_document) and normalised(b.id_document):
        return normalised(a.id_document) == normalised(b.id_document)
    return bool(normalised(a.applicant_name)) and (
        normalised(a.applicant_name) == normalised(b.applicant_name)
    )


def answered(request: RequestFacts) -> bool:
    return (
        request.outcome is not None
        and request.answered_on is not None
        and request.outcome not in NOT_AN_ANSWER
    )


def earlier_answers(new: RequestFacts, earlier: Iterable[RequestFacts]) -> list[RequestFacts]:
    """The answered requests ``new`` repeats (§36(六)), the first answer first."""
    content = normalised(new.description)
    found = [
        old
        for old in earlier
        if old.number != new.number
        and answered(old)
        and (new.arrived_on is None or (old.answered_on or date.max) <= new.arrived_on)
        and bool(content)
        and normalised(old.description) == content
        and same_applicant(new, old)
    ]
    return sorted(found, key=lambda old: (old.answered_on or date.min, old.number))
