"""The steps of the case workspace beyond the clock: 审查, 交办 and 反馈, 送达, 归档 (§45:
登记、审核、办理、答复、归档), each in the one shape of
:func:`gongkai.web.applications.transitions.transition`. Re-exported by ``services``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.models import Membership, Unit
from gongkai.web.applications.models import Application, Assignment, ServiceRecord
from gongkai.web.applications.released import released_names
from gongkai.web.applications.transitions import check_day, guard, transition


class ReviewConclusion(models.TextChoices):
    CLEAR = "clear", "申请内容明确，予以办理"
    UNCLEAR = "unclear", "申请内容不明确，需要补正"
    THIRD_PARTY = "third_party", "涉及第三方或其他机关，需要征求意见"
    ASSIGN = "assign", "需要交办内设机构检索、提供"
    NOT_AN_APPLICATION = "not_application", "不属于政府信息公开申请（信访、咨询等）"
    OTHER = "other", "其他"


def review(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    conclusion: str,
    note: str = "",
    handler_id: int | None = None,
) -> Application:
    """审查: what the application asks and how it will be handled; names the 承办人."""
    guard(conclusion in ReviewConclusion.values, "请选择审查结论")
    label = ReviewConclusion(conclusion).label

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "审查日期")
        if handler_id is not None:
            holds = Membership.objects.filter(
                user_id=handler_id, agency_id=app.agency_id, role=Role.HANDLER.value
            ).exists()
            guard(holds, "承办人须是本机关的承办岗位人员")
            app.handler = get_user_model().objects.get(pk=handler_id)
        elif (
            app.handler_id is None
            and Membership.objects.filter(
                user_id=actor.pk, agency_id=app.agency_id, role=Role.HANDLER.value
            ).exists()
        ):
            app.handler_id = actor.pk
        app.reviewed_on = on
        return {"conclusion": conclusion, "handler": app.handler_id}

    note_text = f"{label}。{note.strip()}" if note.strip() else label
    return transition(actor, application_id, Action.REVIEW, on, None, change, note=note_text)


def assign(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    unit_id: int,
    instructions: str,
    feedback_due: date | None = None,
) -> Application:
    """交办: an internal unit searches for the information; the §33 clock keeps running."""
    guard(bool(instructions.strip()), "请写明交办事项")

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.received_date, "交办日期")
        unit = Unit.objects.filter(pk=unit_id, agency_id=app.agency_id).first()
        guard(unit is not None, "只能交办本机关的内设机构")
        assert unit is not None
        if feedback_due is not None:
            guard(feedback_due >= on, "反馈期限不能早于交办日期")
            guard(
                app.due_date is None or feedback_due <= app.due_date,
                f"反馈期限不能晚于答复期限{app.due_date}",
            )
        assignment = Assignment.objects.create(
            application=app,
            unit=unit,
            assigned_on=on,
            instructions=instructions.strip(),
            feedback_due=feedback_due,
        )
        app.assigned_unit = unit
        return {"unit": unit.name, "assignment": assignment.pk}

    return transition(
        actor, application_id, Action.ASSIGN, on, Status.ASSIGNED, change, note=instructions.strip()
    )


def record_feedback(
    actor: AbstractBaseUser, application_id: int, *, on: date, result: str, feedback: str
) -> Application:
    """反馈: the unit's answer to the open assignment (held / partly / not held)."""
    guard(result in Assignment.Result.values, "请选择反馈结论")
    guard(bool(feedback.strip()), "请填写反馈意见")

    def change(app: Application) -> dict[str, Any]:
        assignment = app.assignments.filter(feedback_on__isnull=True).get()
        check_day(on, assignment.assigned_on, "反馈日期")
        assignment.feedback_on = on
        assignment.result = result
        assignment.feedback = feedback.strip()
        assignment.save()
        return {"unit": assignment.unit.name, "result": result}

    return transition(
        actor,
        application_id,
        Action.RECORD_FEEDBACK,
        on,
        Status.RECEIVED,
        change,
        note=feedback.strip(),
    )


def serve(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    method: str,
    proof: str,
    proof_file: UploadedFile | None = None,
) -> Application:
    """送达 of the reply, with its proof (domain.md §3.10: remedy periods run from it)."""
    guard(method in ServiceRecord.Method.values, "请选择送达方式")
    guard(bool(proof.strip()), "请填写送达凭证（邮件号、签收人或平台回执）")

    stored: list[str] = []

    def change(app: Application) -> dict[str, Any]:
        # An attempt run again after "database is locked" (dbretry): the earlier attempt's
        # file has no row any more.
        _drop_unrecorded(stored)
        stored.clear()
        # The answer served is the latest issued: the 答复书, or the 重新答复书 a review
        # decision or judgment ordered (gongkai.web.applications.reanswering).
        reply = (
            app.letters.filter(kind__in=("reply", "reanswer"))
            .exclude(issued_on=None)
            .order_by("-pk")
            .first()
        )
        check_day(on, reply.issued_on if reply else app.issued_on, "送达日期")
        record = ServiceRecord(
            application=app, letter=reply, method=method, served_on=on, proof=proof.strip()
        )
        if proof_file is not None:
            # Written before the row, so that a committed row always has its file.
            record.proof_file.save(proof_file.name or "proof", proof_file, save=False)
            stored.append(record.proof_file.name)
        record.save()
        app.served_on = on
        # What went with the reply (答复附件): for a postal answer, the list printed with it.
        released = released_names(app.pk)
        data = {"method": method, "proof": proof.strip(), "service": record.pk}
        return {**data, "released": released} if released else data

    try:
        return transition(actor, application_id, Action.SERVE, on, Status.SERVED, change)
    except BaseException:
        _drop_unrecorded(stored)
        raise


def _drop_unrecorded(names: list[str]) -> None:
    """Files a refused or failed 送达 wrote: removed, unless a committed row refers to one
    (an error raised after the commit, by a side effect, must not take a proof away)."""
    for name in names:
        if not ServiceRecord.objects.filter(proof_file=name).exists():
            default_storage.delete(name)


def archive(
    actor: AbstractBaseUser, application_id: int, *, on: date, reference: str = ""
) -> Application:
    """归档 (§45): the whole file is closed; nothing follows."""

    def change(app: Application) -> dict[str, Any]:
        check_day(on, app.served_on or app.concluded_on, "归档日期")
        app.archived_on = on
        app.archive_reference = reference.strip()
        return {"reference": reference.strip()}

    return transition(actor, application_id, Action.ARCHIVE, on, Status.ARCHIVED, change)
