"""行政复议 and 行政诉讼 cases about disclosure (domain.md §6): case kinds and result kinds.

A case is one of the three 表四 blocks: 行政复议, 行政诉讼 filed directly (未经复议直接起诉) or
after a review (复议后起诉). Its result is one of the decision types the 2023 复议法 (L2) or
the 行政诉讼法 and the SPC disclosure rules (L4) provide; which kinds fit which case is a
table here, so a court judgment can never be recorded on a review case.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.errors import GongkaiError


class CaseKind(StrEnum):
    REVIEW = "review"  # 行政复议
    SUIT_DIRECT = "suit_direct"  # 行政诉讼，未经复议直接起诉
    SUIT_AFTER_REVIEW = "suit_after_review"  # 行政诉讼，复议后起诉


CASE_KIND_LABELS: dict[CaseKind, str] = {
    CaseKind.REVIEW: "行政复议",
    CaseKind.SUIT_DIRECT: "行政诉讼（未经复议直接起诉）",
    CaseKind.SUIT_AFTER_REVIEW: "行政诉讼（复议后起诉）",
}


class ResultKind(StrEnum):
    # 复议决定 (2023 复议法, S6)
    REVIEW_UPHELD = "review_upheld"
    REVIEW_CLAIM_DISMISSED = "review_claim_dismissed"
    REVIEW_CHANGED = "review_changed"
    REVIEW_REVOKED = "review_revoked"
    REVIEW_CONFIRMED_ILLEGAL = "review_confirmed_illegal"
    REVIEW_ORDERED_PERFORMANCE = "review_ordered_performance"
    REVIEW_CONFIRMED_VOID = "review_confirmed_void"
    REVIEW_APPLICATION_DISMISSED = "review_application_dismissed"
    REVIEW_TERMINATED = "review_terminated"
    REVIEW_NOT_ACCEPTED = "review_not_accepted"
    # 判决、裁定 (行政诉讼法 S7, SPC disclosure rules S9)
    SUIT_CLAIM_DISMISSED = "suit_claim_dismissed"
    SUIT_REVOKED = "suit_revoked"
    SUIT_ORDERED_PERFORMANCE = "suit_ordered_performance"
    SUIT_CONFIRMED_ILLEGAL = "suit_confirmed_illegal"
    SUIT_CONFIRMED_VOID = "suit_confirmed_void"
    SUIT_COMPLAINT_DISMISSED = "suit_complaint_dismissed"
    SUIT_WITHDRAWN = "suit_withdrawn"
    SUIT_NOT_FILED = "suit_not_filed"


_R = ResultKind
RESULT_LABELS: dict[ResultKind, str] = {
    _R.REVIEW_UPHELD: "复议维持（复议法第六十八条）",
    _R.REVIEW_CLAIM_DISMISSED: "驳回复议请求（第六十九条）",
    _R.REVIEW_CHANGED: "变更（第六十三条）",
    _R.REVIEW_REVOKED: "撤销或部分撤销，可责令重作（第六十四条）",
    _R.REVIEW_CONFIRMED_ILLEGAL: "确认违法（第六十五条）",
    _R.REVIEW_ORDERED_PERFORMANCE: "责令履行（第六十六条）",
    _R.REVIEW_CONFIRMED_VOID: "确认无效（第六十七条）",
    _R.REVIEW_APPLICATION_DISMISSED: "驳回复议申请（第三十三条）",
    _R.REVIEW_TERMINATED: "终止复议（第四十一条，如撤回、和解）",
    _R.REVIEW_NOT_ACCEPTED: "不予受理（第三十条）",
    _R.SUIT_CLAIM_DISMISSED: "判决驳回诉讼请求（行政诉讼法第六十九条）",
    _R.SUIT_REVOKED: "判决撤销或部分撤销，可判决重作（第七十条）",
    _R.SUIT_ORDERED_PERFORMANCE: "判决履行：限期公开、重新答复或作出答复（第七十二条）",
    _R.SUIT_CONFIRMED_ILLEGAL: "判决确认违法（第七十四条）",
    _R.SUIT_CONFIRMED_VOID: "判决确认无效（第七十五条）",
    _R.SUIT_COMPLAINT_DISMISSED: "裁定驳回起诉",
    _R.SUIT_WITHDRAWN: "准予撤诉",
    _R.SUIT_NOT_FILED: "不予立案",
}

REVIEW_RESULTS: frozenset[ResultKind] = frozenset(r for r in ResultKind if r.startswith("review_"))
SUIT_RESULTS: frozenset[ResultKind] = frozenset(r for r in ResultKind if r.startswith("suit_"))
RESULTS_FOR_KIND: dict[CaseKind, frozenset[ResultKind]] = {
    CaseKind.REVIEW: REVIEW_RESULTS,
    CaseKind.SUIT_DIRECT: SUIT_RESULTS,
    CaseKind.SUIT_AFTER_REVIEW: SUIT_RESULTS,
}

# The results that may order the agency to answer the application again, within a period the
# decision or judgment sets: 行政复议法 (2023) §64 (撤销 "并可以责令被申请人在一定期限内重新作出
# 行政行为"), §66 (责令 "在一定期限内履行"); 行政诉讼法 §70 (判决撤销 "并可以判决被告重新作出行政
# 行为"), §72 (判决 "在一定期限内履行"); 法释〔2011〕17号 §9 (限期公开), §10 (限期答复). Whether a
# given decision orders it is read from the decision itself, so recording the order is a
# separate step (gongkai.web.remedies.services.order_reanswer) offered only after these.
ORDERS_NEW_ANSWER: frozenset[ResultKind] = frozenset(
    {
        _R.REVIEW_REVOKED,
        _R.REVIEW_ORDERED_PERFORMANCE,
        _R.SUIT_REVOKED,
        _R.SUIT_ORDERED_PERFORMANCE,
    }
)
del _R


class InvalidRemedyCase(GongkaiError):
    """A case whose recorded facts contradict each other or the rules."""


def require_result_fits(kind: CaseKind, result: ResultKind) -> None:
    if result not in RESULTS_FOR_KIND[kind]:
        raise InvalidRemedyCase(f"“{RESULT_LABELS[result]}”不是{CASE_KIND_LABELS[kind]}案件的结果")
