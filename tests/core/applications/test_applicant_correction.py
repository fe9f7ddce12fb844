"""R5 (domain.md §3.1): the applicant type is the 表三 column; a wrong one is corrected with a
reason, never to the same type and never without one."""

from __future__ import annotations

import pytest

from gongkai.core.applications.actions import ACTION_STEPS, allowed_actions
from gongkai.core.applications.applicants import (
    APPLICANT_LABELS,
    ApplicantType,
    type_correction_note,
)
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import GongkaiError
from gongkai.core.report.labels import T3_APPLICANT_COLUMNS


def test_the_six_types_are_the_six_applicant_columns_of_table3() -> None:
    assert [t.value for t in ApplicantType] == list(T3_APPLICANT_COLUMNS)
    assert len(ApplicantType) == 6


def test_the_note_names_both_types_and_the_reason() -> None:
    note = type_correction_note(
        ApplicantType.NATURAL_PERSON,
        ApplicantType.LEGAL_SERVICE_ORG,
        "申请人提交律师事务所执业许可证",
    )
    assert APPLICANT_LABELS[ApplicantType.NATURAL_PERSON] in note
    assert "法人或其他组织：法律服务机构" in note
    assert note.endswith("申请人提交律师事务所执业许可证")


@pytest.mark.parametrize(
    ("corrected", "reason", "message"),
    [
        (ApplicantType.NATURAL_PERSON, "核对身份证", "无需更正"),
        (ApplicantType.OTHER_ORG, "  ", "理由"),
    ],
)
def test_a_non_change_or_a_missing_reason_is_refused(
    corrected: ApplicantType, reason: str, message: str
) -> None:
    with pytest.raises(GongkaiError, match=message):
        type_correction_note(ApplicantType.NATURAL_PERSON, corrected, reason)


def test_the_step_keeps_the_status_and_is_refused_only_once_archived() -> None:
    step = ACTION_STEPS[Action.CORRECT_APPLICANT_TYPE]
    assert step.target is None
    assert set(step.sources) == set(Status) - {Status.ARCHIVED}
    registrar = frozenset({Role.REGISTRAR})
    assert Action.CORRECT_APPLICANT_TYPE in allowed_actions(Status.SERVED, registrar)
    assert Action.CORRECT_APPLICANT_TYPE not in allowed_actions(Status.ARCHIVED, registrar)
    assert Action.CORRECT_APPLICANT_TYPE not in allowed_actions(
        Status.RECEIVED, frozenset({Role.REVIEWER})
    )
