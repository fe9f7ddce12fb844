"""What the receipt, the status page and the mail show: built from the case, through the
core's public tables (:mod:`gongkai.core.portal.public_view`), never from ad-hoc ``if``s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import Group, Status, group_of
from gongkai.core.portal.attachments import size_label
from gongkai.core.portal.identifiers import ID_DOCUMENT_LABELS
from gongkai.core.portal.masking import mask_email, mask_name, mask_tail
from gongkai.core.portal.public_view import PUBLIC_STEPS, public_status
from gongkai.web.applications.answer_clock import days_left, prospective_clock, stored_clock_note
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.models import Application, Delivery, RequestedForm
from gongkai.web.portal.models import OnlineSubmission


@dataclass(frozen=True)
class Clock:
    """The §33 answer clock as the applicant should understand it."""

    started: bool
    due: date | None
    # Before the office confirms receipt: the due date if it confirmed on the arrival day.
    if_confirmed_on_arrival: date | None
    problem: str
    limit_wd: int
    # 暂定: the date crosses a year whose holidays are not published yet (no admin wording).
    provisional: str = ""


def answer_clock(app: Application) -> Clock:
    """The stored due date (the one answer clock's), or the prospective one before day 0."""
    rules = procedure_rules()
    if app.received_date is not None:
        problem = "" if app.due_date else "答复期限待定"
        note = stored_clock_note(app).public
        return Clock(True, app.due_date, None, problem, rules.answer_limit_wd, note)
    prospective = prospective_clock(timezone.localdate(app.arrived_at))
    problem = "" if prospective.due_date else "答复期限待定"
    return Clock(
        False, None, prospective.due_date, problem, rules.answer_limit_wd, prospective.public_note
    )


def next_steps() -> list[str]:
    rules = procedure_rules()
    return [
        "受理机关确认收到您的申请，确认之日为收到申请之日（《条例》第三十一条），"
        f"答复期限为自该日起{rules.answer_limit_wd}个工作日（第三十三条）。",
        "如申请内容不明确，受理机关将在收到申请之日起"
        f"{rules.supplement_notice_wd}个工作日内一次性告知您补正，答复期限自收到补正之日起"
        "重新计算（第三十条）。",
        "如需征求第三方或其他机关意见，所需时间不计算在答复期限内（第三十三条第三款）。",
        f"确需延长答复期限的，经负责人同意并告知您，延长期限最长不超过{rules.extension_max_wd}"
        "个工作日（第三十三条第二款）。",
        "答复书出具后，您可以在查询页面下载，受理机关同时按您选择的获取方式提供。",
    ]


def receipt_context(submission: OnlineSubmission) -> dict[str, Any]:
    app = submission.application
    return {
        "submission": submission,
        "app": app,
        "agency": app.agency,
        "status": public_status(app.status_enum),
        "clock": answer_clock(app),
        "next_steps": next_steps(),
    }


@dataclass(frozen=True)
class TimelineRow:
    on: date
    label: str
    note: str


def public_timeline(app: Application) -> list[TimelineRow]:
    rows = []
    for event in app.events.all():
        step = PUBLIC_STEPS.get(Action(event.action))
        if step is not None:
            rows.append(
                TimelineRow(event.occurred_on, step.label, event.note if step.show_note else "")
            )
    return rows


def issued_letters(app: Application) -> list[Any]:
    """Letters the office has issued; drafts and unissued notices stay the office's."""
    return list(app.letters.filter(issued_on__isnull=False).order_by("issued_on", "pk"))


def masked_identity(app: Application, submission: OnlineSubmission) -> list[tuple[str, str]]:
    person = app.applicant_type_enum is ApplicantType.NATURAL_PERSON
    rows = [("申请人", mask_name(app.applicant_name) if person else app.applicant_name)]
    if app.id_document:
        kind = ID_DOCUMENT_LABELS.get(submission.id_document_type, "证件")
        number = app.id_document.rpartition(" ")[2]
        rows.append(("证件", f"{kind} {mask_tail(number)}"))
    if app.credit_code:
        rows.append(("统一社会信用代码", mask_tail(app.credit_code)))
    if app.contact_phone:
        rows.append(("联系电话", mask_tail(app.contact_phone)))
    if app.contact_email:
        rows.append(("电子邮箱", mask_email(app.contact_email)))
    return rows


def status_context(submission: OnlineSubmission, today: date) -> dict[str, Any]:
    app = submission.application
    clock = answer_clock(app)
    running = clock.started and group_of(app.status_enum) is Group.ACTIVE
    return {
        **receipt_context(submission),
        "days_left": days_left(today, clock.due) if running else None,
        "supplement_due": (
            app.supplement_due if app.status_enum is Status.SUPPLEMENT_REQUESTED else None
        ),
        "timeline": public_timeline(app),
        "letters": issued_letters(app),
        "identity": masked_identity(app, submission),
        "requested_form": RequestedForm(app.requested_form).label,
        "delivery": Delivery(app.delivery).label,
        "attachments": [
            (a.get_kind_display(), a.original_name, size_label(a.size))
            for a in submission.attachments.all()
        ],
    }
