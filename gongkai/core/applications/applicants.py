"""Applicant types (R5): recorded at registration, each one a 表三 column."""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.errors import GongkaiError
from gongkai.core.report.labels import T3_APPLICANT_COLUMNS, T3_COLUMN_LABELS


class ApplicantType(StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"
    RESEARCH_INSTITUTION = "research_institution"
    SOCIAL_WELFARE_ORG = "social_welfare_org"
    LEGAL_SERVICE_ORG = "legal_service_org"
    OTHER_ORG = "other_org"


# The values are the 表三 column keys themselves, so the mapping is the identity; this dict
# exists so that a renamed column in tables.json fails at import instead of in a report.
APPLICANT_COLUMNS: dict[ApplicantType, str] = {
    t: T3_APPLICANT_COLUMNS[i] for i, t in enumerate(ApplicantType)
}
if any(t.value != col for t, col in APPLICANT_COLUMNS.items()):
    raise RuntimeError("表三的申请人列与申请人类型不一致")

APPLICANT_LABELS: dict[ApplicantType, str] = {
    t: (
        "法人或其他组织：" + T3_COLUMN_LABELS[col]
        if t is not ApplicantType.NATURAL_PERSON
        else T3_COLUMN_LABELS[col]
    )
    for t, col in APPLICANT_COLUMNS.items()
}


def is_person(applicant_type: ApplicantType) -> bool:
    return applicant_type is ApplicantType.NATURAL_PERSON


def type_correction_note(current: ApplicantType, corrected: ApplicantType, reason: str) -> str:
    """The audit note of a corrected applicant type (R5: the type is the 表三 column, so a
    wrong one is corrected, never silently edited); refuses a non-change or a missing reason.
    """
    if corrected is current:
        raise GongkaiError(f"申请人类型已是“{APPLICANT_LABELS[current]}”，无需更正")
    if not reason.strip():
        raise GongkaiError("请写明更正申请人类型的理由（如申请人提交的营业执照、登记证书）")
    return (
        f"申请人类型由“{APPLICANT_LABELS[current]}”更正为“{APPLICANT_LABELS[corrected]}”："
        f"{reason.strip()}"
    )
