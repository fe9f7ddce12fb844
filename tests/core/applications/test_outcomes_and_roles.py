from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.applicants import APPLICANT_COLUMNS, ApplicantType
from gongkai.core.applications.channels import Channel, day0_at_arrival
from gongkai.core.applications.outcomes import (
    DECIDABLE,
    DEFAULT_OUTCOME_ROWS,
    REASONS_REQUIRED,
    InvalidOutcome,
    Outcome,
    outcome_rows,
)
from gongkai.core.applications.roles import Action, PermissionDenied, Role, require_role
from gongkai.core.applications.rules import PauseStart, ProcedureRules
from gongkai.core.errors import GongkaiError
from gongkai.core.report.labels import T3_APPLICANT_COLUMNS, T3_OUTCOME_ROWS


def test_every_outcome_maps_to_one_outcome_row_and_every_row_is_reachable() -> None:
    assert set(DEFAULT_OUTCOME_ROWS) == set(Outcome)
    assert set(DEFAULT_OUTCOME_ROWS.values()) == set(T3_OUTCOME_ROWS)
    assert len(T3_OUTCOME_ROWS) == 21


def test_refusals_require_reasons_and_abandonment_is_not_a_decision() -> None:
    assert Outcome.PARTIAL in REASONS_REQUIRED
    assert Outcome.DENIED_THIRD_PARTY in REASONS_REQUIRED
    assert Outcome.GRANTED not in REASONS_REQUIRED
    assert Outcome.ABANDONED_NO_SUPPLEMENT not in DECIDABLE


def test_only_unverified_mappings_can_be_overridden() -> None:
    rows = outcome_rows({"NOT_THIS_AGENCY": "other_other"})
    assert rows[Outcome.NOT_THIS_AGENCY] == "other_other"
    with pytest.raises(InvalidOutcome):
        outcome_rows({"GRANTED": "other_other"})
    with pytest.raises(InvalidOutcome):
        outcome_rows({"OTHER": "carried_forward"})
    with pytest.raises(InvalidOutcome):
        outcome_rows({"NO_SUCH": "granted"})


def test_applicant_types_are_the_table3_columns() -> None:
    assert list(APPLICANT_COLUMNS.values()) == list(T3_APPLICANT_COLUMNS)
    assert APPLICANT_COLUMNS[ApplicantType.LEGAL_SERVICE_ORG] == "legal_service_org"


def test_day0_is_known_at_arrival_only_for_in_person_and_signed_mail() -> None:
    day = date(2025, 3, 3)
    assert day0_at_arrival(Channel.IN_PERSON, day) == day
    assert day0_at_arrival(Channel.MAIL_SIGNED, day) == day
    for channel in (Channel.MAIL_ORDINARY, Channel.ONLINE, Channel.FAX):
        assert day0_at_arrival(channel, day) is None


def test_only_the_office_head_extends() -> None:
    require_role(Action.APPROVE_EXTENSION, {Role.OFFICE_HEAD})
    with pytest.raises(PermissionDenied, match="负责人"):
        require_role(Action.APPROVE_EXTENSION, {Role.HANDLER, Role.REVIEWER})
    with pytest.raises(PermissionDenied):
        require_role(Action.REGISTER, {Role.SUPERVISOR})


def test_rules_from_settings_refuse_unknown_keys_and_bad_values() -> None:
    rules = ProcedureRules.from_mapping(
        {"supplement_period_wd": 10, "consultation_pause_from": "issue"}
    )
    assert rules.supplement_period_wd == 10
    assert rules.consultation_pause_from is PauseStart.ISSUE
    with pytest.raises(GongkaiError):
        ProcedureRules.from_mapping({"supplement_days": 10})
    with pytest.raises(GongkaiError):
        ProcedureRules.from_mapping({"supplement_period_wd": 0})
    with pytest.raises(GongkaiError):
        ProcedureRules.from_mapping({"outcome_row_overrides": {"GRANTED": "other_other"}})


def test_every_intake_form_has_a_channel_and_its_records() -> None:
    from gongkai.core.applications.channels import (
        INTAKE_CHANNELS,
        INTAKE_LABELS,
        INTAKE_RECORDS,
        IntakeForm,
        intake_problems,
    )

    assert set(INTAKE_CHANNELS) == set(INTAKE_LABELS) == set(INTAKE_RECORDS) == set(IntakeForm)
    assert INTAKE_CHANNELS[IntakeForm.ORAL] is Channel.IN_PERSON
    assert INTAKE_CHANNELS[IntakeForm.EMAIL] is Channel.ONLINE
    assert len(intake_problems(IntakeForm.ORAL)) == 2
    assert intake_problems(IntakeForm.ORAL, transcribed_by="王登记", applicant_confirmed=True) == []
    assert intake_problems(IntakeForm.FAX) and not intake_problems(
        IntakeForm.FAX, sender_address="0000-1234"
    )
    assert intake_problems(IntakeForm.MAIL_SIGNED)
    assert intake_problems(IntakeForm.IN_PERSON) == []
