"""The kernel every app shares: one step shape with hooks, one append-only base, one
refusal type, the hooks through which upper apps hand the kernel what it needs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import transaction
from web_builders import make_staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.transitions import GuardFailed as CaseGuardFailed
from gongkai.web.kernel import calendar as kernel_calendar
from gongkai.web.kernel import steps
from gongkai.web.kernel.append_only import AppendOnly, AppendOnlyModel
from gongkai.web.kernel.audit import audit_entries, audit_trails
from gongkai.web.kernel.guards import GuardFailed
from gongkai.web.remedies.models import RemedyEvent
from gongkai.web.reports.models import ReportEvent, ReportVersion
from gongkai.web.workcalendar.models import DeadlineRecalculation

MON = date(2025, 3, 3)


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> dict[type, list[Any]]:
    registered_hooks: dict[type, list[Any]] = {}
    monkeypatch.setattr(steps, "_hooks", registered_hooks)
    return registered_hooks


@pytest.mark.django_db
def test_a_registered_hook_sees_every_step_in_its_transaction(hooks: object) -> None:
    staff = make_staff()
    app = registered(staff, MON)
    seen: list[tuple[int, str, bool]] = []

    def hook(row: Application, action: str, data: dict[str, Any]) -> None:
        seen.append((row.pk, action, transaction.get_connection().in_atomic_block))

    steps.on_step(Application, hook)
    steps.on_step(Application, hook)  # registering twice runs it once
    services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
    assert seen == [(app.pk, "decide", True)]


@pytest.mark.django_db
def test_a_hook_that_refuses_undoes_the_whole_step(hooks: object) -> None:
    staff = make_staff()
    app = registered(staff, MON)
    events = CaseEvent.objects.filter(application=app).count()

    def refuse(row: Application, action: str, data: dict[str, Any]) -> None:
        raise GuardFailed("另一应用拒绝了这一步")

    steps.on_step(Application, refuse)
    with pytest.raises(GuardFailed):
        services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
    app.refresh_from_db()
    assert app.status == "received"
    assert CaseEvent.objects.filter(application=app).count() == events


@pytest.mark.django_db
def test_after_commit_runs_only_when_the_step_commits(
    django_capture_on_commit_callbacks: Any,
) -> None:
    staff = make_staff()
    app = registered(staff, MON)
    ran: list[str] = []

    def take(label: str) -> None:
        steps.take_step(
            Application,
            app.pk,
            "note",
            guard=lambda row: None,
            change=lambda row, held: {},
            audit=lambda row, held, data: None,
            after_commit=lambda: ran.append(label),
        )

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(GuardFailed), transaction.atomic():
            take("rolled back")
            raise GuardFailed("外层事务回滚")
        take("committed")
    assert ran == ["committed"]


def test_one_refusal_type_and_one_append_only_base_for_every_app() -> None:
    assert CaseGuardFailed is GuardFailed
    for model in (CaseEvent, RemedyEvent, ReportEvent, ReportVersion, DeadlineRecalculation):
        assert issubclass(model, AppendOnlyModel), model


@pytest.mark.django_db
def test_the_append_only_base_refuses_change_and_delete_in_chinese() -> None:
    staff = make_staff()
    app = registered(staff, MON)
    event = CaseEvent.objects.filter(application=app).first()
    assert event is not None
    with pytest.raises(AppendOnly, match="办理记录只能追加，不能修改"):
        event.save()
    with pytest.raises(AppendOnly, match="办理记录只能追加，不能删除"):
        event.delete()


def test_the_calendar_hook_is_filled_and_refuses_to_guess_when_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gongkai.web.workcalendar.calendar import current_calendar

    assert kernel_calendar._provider is current_calendar  # registered by workcalendar
    monkeypatch.setattr(kernel_calendar, "_provider", None)
    with pytest.raises(RuntimeError, match="工作日历未注册"):
        kernel_calendar.work_calendar()


def test_every_audit_table_is_read_through_the_one_view() -> None:
    from gongkai.web.applications.correction_requests import CorrectionEvent
    from gongkai.web.catalogue.models import CatalogueAudit, ItemEvent

    trails = {trail.model for trail in audit_trails()}
    assert trails == {
        CaseEvent,
        CorrectionEvent,
        ItemEvent,
        CatalogueAudit,
        RemedyEvent,
        ReportEvent,
        DeadlineRecalculation,
    }


@pytest.mark.django_db
def test_the_one_view_reads_the_case_trail_per_agency_newest_first() -> None:
    staff, other = make_staff(), make_staff("另一个县公安局", prefix="b")
    app = registered(staff, MON)
    registered(other, MON)
    services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
    entries = audit_entries([app.agency_id])
    recorded = CaseEvent.objects.filter(application=app).count()
    assert len(entries) == recorded
    assert {entry.subject for entry in entries} == {f"申请 {app.number}"}
    assert {entry.trail for entry in entries} == {"办理记录"}
    assert entries[0].action == "作出办理决定"
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)


def test_every_trail_is_written_by_the_one_writer_only() -> None:
    # A trail written around append_entry could be written outside its step's transaction;
    # the source holds no other way to create a trail's rows.
    import re
    from pathlib import Path

    import gongkai

    names = "|".join(trail.model.__name__ for trail in audit_trails())
    other_writes = re.compile(
        rf"\b(?:{names})(?:\.objects|\._default_manager)\.(?:create|bulk_create|get_or_create)"
        rf"|\b(?:{names})\([^)]*\)\.save\("
    )
    package = Path(gongkai.__file__).parent
    found = [
        f"{path.relative_to(package)}: {m.group()}"
        for path in package.rglob("*.py")
        for m in other_writes.finditer(path.read_text("utf-8"))
    ]
    assert found == []


def test_the_trails_share_one_entry_base() -> None:
    from gongkai.web.applications.correction_requests import CorrectionEvent
    from gongkai.web.catalogue.models import CatalogueAudit, ItemEvent
    from gongkai.web.kernel.append_only import TrailEntry

    for model in (CaseEvent, CorrectionEvent, ItemEvent, CatalogueAudit, RemedyEvent, ReportEvent):
        assert issubclass(model, TrailEntry), model
        assert {"recorded_at", "actor", "note", "data"} <= {f.name for f in model._meta.fields}
    # 报告记录 always names its actor; the catalogue's audit calls it 操作人
    assert not ReportEvent._meta.get_field("actor").null
    assert CatalogueAudit._meta.get_field("actor").verbose_name == "操作人"


@pytest.mark.django_db(transaction=True)
def test_the_one_writer_refuses_an_entry_outside_a_transaction_or_a_trail() -> None:
    from gongkai.web.kernel.audit import AuditOutsideStep, append_entry

    staff = make_staff()
    with pytest.raises(AuditOutsideStep, match="transaction"):
        append_entry(
            RemedyEvent, case_id=1, action="register", occurred_on=MON, actor=staff[Role.HANDLER]
        )
    with transaction.atomic(), pytest.raises(AuditOutsideStep, match="not a registered"):
        append_entry(ReportVersion, draft_id=1)
    assert not RemedyEvent.objects.exists()
