"""The outcome codes of §3.8 and the 表三 outcome row each one is counted in (K4, K12).

Every concluded application has exactly one outcome code, and each code maps to exactly one
of the 21 outcome rows, so each application is counted once (K4). Four mappings are
UNVERIFIED in the domain spec; an agency may move them with ``overrides`` (see
:func:`outcome_rows`), but never onto a non-outcome row.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from gongkai.core.errors import GongkaiError
from gongkai.core.report.labels import T3_OUTCOME_ROWS, T3_ROW_LABELS


class Outcome(StrEnum):
    ALREADY_PUBLIC = "ALREADY_PUBLIC"
    GRANTED = "GRANTED"
    PARTIAL = "PARTIAL"
    DENIED_STATE_SECRET = "DENIED_STATE_SECRET"
    DENIED_LAW_PROHIBITED = "DENIED_LAW_PROHIBITED"
    DENIED_SECURITY_STABILITY = "DENIED_SECURITY_STABILITY"
    DENIED_THIRD_PARTY = "DENIED_THIRD_PARTY"
    DENIED_INTERNAL = "DENIED_INTERNAL"
    DENIED_PROCESS = "DENIED_PROCESS"
    DENIED_ENFORCEMENT_FILE = "DENIED_ENFORCEMENT_FILE"
    SPECIAL_QUERY_PROCEDURE = "SPECIAL_QUERY_PROCEDURE"
    NOT_EXIST = "NOT_EXIST"
    NOT_THIS_AGENCY = "NOT_THIS_AGENCY"
    NEEDS_CREATION = "NEEDS_CREATION"
    STILL_UNCLEAR = "STILL_UNCLEAR"
    PETITION_COMPLAINT = "PETITION_COMPLAINT"
    REPEAT = "REPEAT"
    PUBLICATION = "PUBLICATION"
    MASS_REPEAT_UNREASONABLE = "MASS_REPEAT_UNREASONABLE"
    CONFIRM_OR_REISSUE = "CONFIRM_OR_REISSUE"
    ABANDONED_NO_SUPPLEMENT = "ABANDONED_NO_SUPPLEMENT"
    ABANDONED_FEE_UNPAID = "ABANDONED_FEE_UNPAID"
    OTHER = "OTHER"


_O = Outcome
OUTCOME_LABELS: dict[Outcome, str] = {
    _O.ALREADY_PUBLIC: "属于已主动公开的信息",
    _O.GRANTED: "予以公开",
    _O.PARTIAL: "部分公开（区分处理）",
    _O.DENIED_STATE_SECRET: "不予公开：属于国家秘密",
    _O.DENIED_LAW_PROHIBITED: "不予公开：其他法律行政法规禁止公开",
    _O.DENIED_SECURITY_STABILITY: "不予公开：危及“三安全一稳定”",
    _O.DENIED_THIRD_PARTY: "不予公开：保护第三方合法权益",
    _O.DENIED_INTERNAL: "不予公开：属于三类内部事务信息",
    _O.DENIED_PROCESS: "不予公开：属于四类过程性信息",
    _O.DENIED_ENFORCEMENT_FILE: "不予公开：属于行政执法案卷",
    _O.SPECIAL_QUERY_PROCEDURE: "属于行政查询事项，告知按有关规定办理",
    _O.NOT_EXIST: "经检索，政府信息不存在",
    _O.NOT_THIS_AGENCY: "不属于本机关负责公开",
    _O.NEEDS_CREATION: "没有现成信息，需要另行制作",
    _O.STILL_UNCLEAR: "补正后申请内容仍不明确",
    _O.PETITION_COMPLAINT: "信访举报投诉类申请，不予处理",
    _O.REPEAT: "重复申请，不予重复处理",
    _O.PUBLICATION: "要求提供公开出版物",
    _O.MASS_REPEAT_UNREASONABLE: "无正当理由大量反复申请",
    _O.CONFIRM_OR_REISSUE: "要求确认或重新出具已获取信息",
    _O.ABANDONED_NO_SUPPLEMENT: "逾期不补正，视为放弃申请",
    _O.ABANDONED_FEE_UNPAID: "逾期未缴纳信息处理费，视为放弃申请",
    _O.OTHER: "其他处理（如申请人撤回）",
}

DEFAULT_OUTCOME_ROWS: dict[Outcome, str] = {
    _O.ALREADY_PUBLIC: "granted",  # UNVERIFIED (SEED 002 practice)
    _O.GRANTED: "granted",
    _O.PARTIAL: "partially_granted",
    _O.DENIED_STATE_SECRET: "denied_state_secret",
    _O.DENIED_LAW_PROHIBITED: "denied_law_prohibited",
    _O.DENIED_SECURITY_STABILITY: "denied_security_stability",
    _O.DENIED_THIRD_PARTY: "denied_third_party",
    _O.DENIED_INTERNAL: "denied_internal_affairs",
    _O.DENIED_PROCESS: "denied_process_info",
    _O.DENIED_ENFORCEMENT_FILE: "denied_enforcement_file",
    _O.SPECIAL_QUERY_PROCEDURE: "denied_query_matter",  # UNVERIFIED
    _O.NOT_EXIST: "unable_not_held",
    _O.NOT_THIS_AGENCY: "unable_not_held",  # UNVERIFIED; some localities use other_other
    _O.NEEDS_CREATION: "unable_needs_creation",
    _O.STILL_UNCLEAR: "unable_still_unclear",
    _O.PETITION_COMPLAINT: "not_processed_petition",
    _O.REPEAT: "not_processed_repeat",
    _O.PUBLICATION: "not_processed_publication",
    _O.MASS_REPEAT_UNREASONABLE: "not_processed_mass_repeat",
    _O.CONFIRM_OR_REISSUE: "not_processed_confirm_reissue",
    _O.ABANDONED_NO_SUPPLEMENT: "other_no_supplement",
    _O.ABANDONED_FEE_UNPAID: "other_fee_unpaid",
    _O.OTHER: "other_other",  # UNVERIFIED: local practice
}

UNVERIFIED_MAPPINGS: frozenset[Outcome] = frozenset(
    {_O.ALREADY_PUBLIC, _O.SPECIAL_QUERY_PROCEDURE, _O.NOT_THIS_AGENCY, _O.OTHER}
)

# §36(三) and §37 make reasons mandatory for any refusal; §36(五) asks for reasons too.
REASONS_REQUIRED: frozenset[Outcome] = frozenset(
    {o for o, row in DEFAULT_OUTCOME_ROWS.items() if row.startswith(("partially", "denied"))}
    | {_O.NOT_THIS_AGENCY}
)

# These end an application through their own step (lapse, fee lapse, withdrawal), never
# through a decision, so a decision cannot fake an abandonment.
NOT_DECIDABLE: frozenset[Outcome] = frozenset({_O.ABANDONED_NO_SUPPLEMENT, _O.ABANDONED_FEE_UNPAID})
DECIDABLE: tuple[Outcome, ...] = tuple(o for o in Outcome if o not in NOT_DECIDABLE)
del _O


class InvalidOutcome(GongkaiError):
    """An outcome code or an outcome-row mapping that the rules do not allow."""


def outcome_rows(overrides: Mapping[str, str] | None = None) -> dict[Outcome, str]:
    """The outcome → 表三 row mapping, with an agency's overrides of the UNVERIFIED ones."""
    rows = dict(DEFAULT_OUTCOME_ROWS)
    for code, row in (overrides or {}).items():
        try:
            outcome = Outcome(code)
        except ValueError:
            raise InvalidOutcome(f"未知的办理结果代码：{code}") from None
        if outcome not in UNVERIFIED_MAPPINGS:
            raise InvalidOutcome(
                f"办理结果“{OUTCOME_LABELS[outcome]}”的表三行次有明确依据，不能改动"
            )
        if row not in T3_OUTCOME_ROWS:
            raise InvalidOutcome(f"“{row}”不是表三的办理结果行")
        rows[outcome] = row
    return rows


def outcome_row_label(outcome: Outcome, rows: Mapping[Outcome, str] | None = None) -> str:
    return T3_ROW_LABELS[(rows or DEFAULT_OUTCOME_ROWS)[outcome]]
