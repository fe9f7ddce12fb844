"""§41 更正: a request to correct government information about the applicant.

S1 §41 (VERIFIED, full text): "公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府
信息记录不准确的，可以要求该行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；
不属于本行政机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人
向有权更正的行政机关提出。"

domain.md §3.8: model it as its own request type, with no 条例 deadline (S9 §1(四) lets a
court review a refusal or a delay). It is not a 政府信息公开申请, so 表三 does not count it by
default; domain.md notes that some localities count correction requests "handled as
applications" in （六）3 (UNVERIFIED local practice).

The decisions, each with what the law asks of it:

* ``CORRECTED`` 予以更正: "有权更正的行政机关审核属实的，应当予以更正并告知申请人" (VERIFIED);
* ``NOT_VERIFIED`` 审核不属实，不予更正: §41 obliges correction only "审核属实的"; telling the
  applicant why is DERIVED (a refusal is reviewable in court, S9 §1(四));
* ``FORWARDED`` 转送有权更正的机关: "可以转送有权更正的行政机关处理并告知申请人" (VERIFIED);
* ``REFERRED`` 告知向有权更正的机关提出: "或者告知申请人向有权更正的行政机关提出" (VERIFIED).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.applications.roles import ROLE_LABELS, PermissionDenied, Role
from gongkai.core.errors import GongkaiError


class CorrectionDecision(StrEnum):
    CORRECTED = "corrected"
    NOT_VERIFIED = "not_verified"
    FORWARDED = "forwarded"
    REFERRED = "referred"


CORRECTION_DECISION_LABELS: dict[CorrectionDecision, str] = {
    CorrectionDecision.CORRECTED: "审核属实，予以更正",
    CorrectionDecision.NOT_VERIFIED: "经审核，记录准确或证据不足，不予更正",
    CorrectionDecision.FORWARDED: "不属于本机关职能范围，转送有权更正的行政机关处理",
    CorrectionDecision.REFERRED: "不属于本机关职能范围，告知向有权更正的行政机关提出",
}

# The two decisions that leave the correction to another organ name it (§41 "有权更正的行政机关").
NAMES_COMPETENT_AGENCY: frozenset[CorrectionDecision] = frozenset(
    {CorrectionDecision.FORWARDED, CorrectionDecision.REFERRED}
)


class InvalidCorrection(GongkaiError):
    """A correction request or decision the rules of §41 do not allow."""


@dataclass(frozen=True)
class CorrectionRequestFacts:
    """What the applicant asks to have corrected, and the evidence §41 requires."""

    record: str  # the information recorded (which record, where)
    requested: str  # what it should say
    evidence: str  # "有证据证明…不准确"

    def __post_init__(self) -> None:
        if not self.record.strip():
            raise InvalidCorrection("请写明要求更正的政府信息记录")
        if not self.requested.strip():
            raise InvalidCorrection("请写明要求更正的内容")
        if not self.evidence.strip():
            raise InvalidCorrection(
                "第四十一条：申请更正须有证据证明该信息记录不准确，请登记所附证据"
            )


@dataclass(frozen=True)
class CorrectionOutcome:
    decision: CorrectionDecision
    reasons: str = ""  # what was verified, or why it is not corrected
    corrected_to: str = ""  # CORRECTED: the record as corrected
    competent_agency: str = ""  # FORWARDED / REFERRED: the organ with the power to correct

    def __post_init__(self) -> None:
        if self.decision is CorrectionDecision.CORRECTED and not self.corrected_to.strip():
            raise InvalidCorrection("予以更正的，请写明更正后的内容")
        if self.decision is CorrectionDecision.NOT_VERIFIED and not self.reasons.strip():
            raise InvalidCorrection("不予更正的，请写明审核情况和理由")
        if self.decision in NAMES_COMPETENT_AGENCY and not self.competent_agency.strip():
            raise InvalidCorrection("转送或告知向其他机关提出的，请写明有权更正的行政机关")


class CorrectionStep(StrEnum):
    """The steps of a correction request on the platform (it has no 条例 deadline, so no
    clock: registration and the decision with its notice)."""

    REGISTER = "register_correction"
    DECIDE = "decide_correction"


CORRECTION_STEP_LABELS: dict[CorrectionStep, str] = {
    CorrectionStep.REGISTER: "登记更正申请",
    CorrectionStep.DECIDE: "作出更正决定并出具告知书",
}

# Who takes each step, as for applications (roles.ACTION_ROLES): whoever registers an
# application (登记, 承办) registers a correction request; the handler (承办) verifies the
# record against the evidence and decides, and so may those who decide answers (审核, 负责人).
CORRECTION_STEP_ROLES: dict[CorrectionStep, frozenset[Role]] = {
    CorrectionStep.REGISTER: frozenset({Role.REGISTRAR, Role.HANDLER}),
    CorrectionStep.DECIDE: frozenset({Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD}),
}


def require_correction_role(step: CorrectionStep, held: frozenset[Role] | set[Role]) -> None:
    allowed = CORRECTION_STEP_ROLES[step]
    if not allowed & set(held):
        names = "、".join(ROLE_LABELS[r] for r in Role if r in allowed)
        raise PermissionDenied(f"“{CORRECTION_STEP_LABELS[step]}”须由本机关的{names}岗位人员办理")
