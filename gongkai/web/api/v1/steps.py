"""The steps of a case the API can take: request body and the service function of each.

Every step calls the service the workspace calls (guard → lock → change → audit), with the
caller's own roles; nothing here decides whether a step is allowed. A step of the core's
table (:mod:`gongkai.core.applications.actions`) that has no row here is simply not offered
through the API (``tests/web/api/test_api_actions.py`` lists which).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from ninja import Schema
from pydantic import Field

from gongkai.core.applications.applicants import APPLICANT_LABELS, ApplicantType
from gongkai.core.applications.excessive import JUDGEMENT_LABELS, Judgement
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action
from gongkai.core.fees.schedules import FeeMethod
from gongkai.core.letters import WITHHELD_GROUND_LABELS
from gongkai.web.api.schemas import InputSchema, OnDate, optional, required
from gongkai.web.applications import excessive, handling, releasing, services
from gongkai.web.applications.corrections import correct_applicant_type
from gongkai.web.applications.models import Assignment, Consultation, ServiceRecord
from gongkai.web.fees import services as fees


def _choices(choices: Any) -> str:
    return "；".join(f"{value}：{label}" for value, label in choices)


class ConfirmReceiptIn(InputSchema):
    on: OnDate = None
    method: str = required(200, "与申请人确认的方式，如电话、平台回执")


class ReviewIn(InputSchema):
    on: OnDate = None
    conclusion: str = Field(description=_choices(handling.ReviewConclusion.choices))
    note: str = optional(2000)
    handler_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="指定承办人（本机关承办岗位用户的 id）"
    )


class RequestSupplementIn(InputSchema):
    on: OnDate = None
    items: str = required(5000, "一次性写明需要补正的事项")
    period_wd: int | None = Field(
        None, ge=1, le=365, description="补正期限（工作日），不填用默认值"
    )


class DateOnlyIn(InputSchema):
    on: OnDate = None


class CorrectApplicantTypeIn(InputSchema):
    on: OnDate = None
    applicant_type: ApplicantType = Field(description=_choices(APPLICANT_LABELS.items()))
    reason: str = required(2000, "更正理由，如申请人提交的营业执照、登记证书")


class RequestReasonsIn(InputSchema):
    on: OnDate = None
    finding: str = required(2000, "申请数量、频次明显超过合理范围的具体情况")


class RecordReasonsIn(InputSchema):
    on: OnDate = None
    judgement: Judgement = Field(description=_choices(JUDGEMENT_LABELS.items()))
    explanation: str = optional(5000)


class SetDelayedDeadlineIn(InputSchema):
    on: OnDate = None
    deadline: date = Field(description="延迟答复期限，须晚于第三十三条规定的答复期限")
    reason: str = required(2000, "无法在第三十三条规定的期限内答复的原因")


class OrderReanswerIn(InputSchema):
    on: OnDate = None
    source: Literal["review", "court"] = Field(description="review：行政复议决定；court：法院裁判")
    order_document: str = required(200, "决定书或判决书的名称及文号")
    set_due: date | None = Field(
        None, description="决定书或判决书确定的重新答复期限（未载明的不填）"
    )


class StartConsultationIn(InputSchema):
    on: OnDate = None
    party: Literal["third_party", "other_agency"]
    party_name: str = required(200)
    matter: str = optional(5000, "征求意见的事项")


class FinishConsultationIn(InputSchema):
    on: OnDate = None
    consultation_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="结束哪一项征求意见（同时有多项进行中时必填）"
    )
    delivered_on: date | None = Field(None, description="对方收到征求意见书之日")
    reply: str = optional(5000)
    result: str = optional(
        20, "征求结果（不填按有无意见自动确定）：" + _choices(Consultation.Result.choices)
    )


class AssignIn(InputSchema):
    on: OnDate = None
    unit_id: int = Field(ge=1, le=2**63 - 1, description="本机关内设机构的 id")
    instructions: str = required(5000, "交办事项")
    feedback_due: date | None = Field(None, description="反馈期限，不晚于答复期限")


class RecordFeedbackIn(InputSchema):
    on: OnDate = None
    result: str = Field(description=_choices(Assignment.Result.choices))
    feedback: str = required(5000)


class ApproveExtensionIn(InputSchema):
    on: OnDate = None
    days: int = Field(ge=1, le=365, description="延长的工作日数（最多20）")
    reason: str = required(2000)


class DecideIn(InputSchema):
    on: OnDate = None
    outcome: Outcome
    reasons: str = optional(5000, "理由（不予公开、部分公开等必填）")
    legal_basis: str = optional(2000, "法律依据")
    details: str = optional(5000, "获取方式、途径或处理内容（部分结果必填）")
    referral: str = optional(300, "负责公开的机关及联系方式（非本机关负责公开时）")
    withheld_ground: str = optional(
        40,
        "部分公开时不予公开部分的理由类别："
        + "；".join(f"{k}={v}" for k, v in WITHHELD_GROUND_LABELS.items()),
    )


class ServeIn(InputSchema):
    on: OnDate = None
    method: str = Field(description=_choices(ServiceRecord.Method.choices))
    proof: str = required(500, "送达凭证：邮件号、签收人或平台回执")


class AttachReleasedIn(InputSchema):
    on: OnDate = None
    catalogue_file_id: int = Field(
        ge=1, le=2**63 - 1, description="本机关政府信息公开目录中现行文件的 id（非“不予公开”条目）"
    )


class DetachReleasedIn(InputSchema):
    on: OnDate = None
    released_id: int = Field(ge=1, le=2**63 - 1, description="要移除的答复附件的 id")


class ArchiveIn(InputSchema):
    on: OnDate = None
    reference: str = optional(100, "档号")


class WithdrawIn(InputSchema):
    on: OnDate = None
    note: str = optional(2000)


class AssessFeeIn(InputSchema):
    on: OnDate = None
    method: Literal["per_application", "per_page"]
    pages: int | None = Field(None, ge=1, le=1_000_000, description="按量计收的页数")


class IssueFeeNoticeIn(InputSchema):
    on: OnDate = None
    received_on: date | None = Field(None, description="申请人当场收到时填写")


class RecordFeePaymentIn(InputSchema):
    on: OnDate = None
    amount: int = Field(ge=0, le=100_000_000, description="实缴金额（元）")
    receipt_number: str = optional(100)


Perform = Callable[[AbstractBaseUser, int, Any, date], object]


@dataclass(frozen=True)
class Step:
    action: Action
    body: type[Schema]
    perform: Perform
    description: str


STEPS: dict[Action, Step] = {
    step.action: step
    for step in (
        Step(
            Action.CONFIRM_RECEIPT,
            ConfirmReceiptIn,
            lambda u, pk, b, on: services.confirm_receipt(u, pk, on=on, method=b.method),
            "第三十一条：与申请人确认后，以确认之日为收到申请之日。",
        ),
        Step(
            Action.REVIEW,
            ReviewIn,
            lambda u, pk, b, on: handling.review(
                u, pk, on=on, conclusion=b.conclusion, note=b.note, handler_id=b.handler_id
            ),
            "审查：申请内容是否明确、如何办理，并确定承办人。",
        ),
        Step(
            Action.REQUEST_SUPPLEMENT,
            RequestSupplementIn,
            lambda u, pk, b, on: services.request_supplement(
                u, pk, on=on, items=b.items, period_wd=b.period_wd
            ),
            "第三十条：收到申请之日起7个工作日内一次性告知补正。",
        ),
        Step(
            Action.RECEIVE_SUPPLEMENT,
            DateOnlyIn,
            lambda u, pk, b, on: services.receive_supplement(u, pk, on=on),
            "收到补正材料：答复期限自该日重新计算。",
        ),
        Step(
            Action.LAPSE_SUPPLEMENT,
            DateOnlyIn,
            lambda u, pk, b, on: services.lapse_supplement(u, pk, on=on),
            "补正期限届满未补正：视为放弃申请，办结（表三（六）1）。",
        ),
        Step(
            Action.START_CONSULTATION,
            StartConsultationIn,
            lambda u, pk, b, on: services.start_consultation(
                u, pk, on=on, party=b.party, party_name=b.party_name, matter=b.matter
            ),
            "第三十二条、第三十四条：征求第三方或其他机关意见，期间不计入答复期限。",
        ),
        Step(
            Action.FINISH_CONSULTATION,
            FinishConsultationIn,
            lambda u, pk, b, on: services.finish_consultation(
                u,
                pk,
                on=on,
                delivered_on=b.delivered_on,
                reply=b.reply,
                result=b.result,
                consultation_id=b.consultation_id,
            ),
            "收到意见或15个工作日期满：恢复计时。",
        ),
        Step(
            Action.ASSIGN,
            AssignIn,
            lambda u, pk, b, on: handling.assign(
                u,
                pk,
                on=on,
                unit_id=b.unit_id,
                instructions=b.instructions,
                feedback_due=b.feedback_due,
            ),
            "交办内设机构检索、提供；答复期限照常计算。",
        ),
        Step(
            Action.RECORD_FEEDBACK,
            RecordFeedbackIn,
            lambda u, pk, b, on: handling.record_feedback(
                u, pk, on=on, result=b.result, feedback=b.feedback
            ),
            "记录内设机构的交办反馈。",
        ),
        Step(
            Action.APPROVE_EXTENSION,
            ApproveExtensionIn,
            lambda u, pk, b, on: services.approve_extension(
                u, pk, on=on, days=b.days, reason=b.reason
            ),
            "第三十三条第二款：经负责人同意延长答复期限，最多20个工作日，一次。",
        ),
        Step(
            Action.DECIDE,
            DecideIn,
            lambda u, pk, b, on: services.decide(
                u,
                pk,
                on=on,
                outcome=b.outcome,
                reasons=b.reasons,
                referral=b.referral,
                legal_basis=b.legal_basis,
                details=b.details,
                withheld_ground=b.withheld_ground,
            ),
            "作出办理决定：一个办理结果；不予公开等须写明理由及依据。",
        ),
        Step(
            Action.ISSUE,
            DateOnlyIn,
            lambda u, pk, b, on: services.issue(u, pk, on=on),
            "出具答复：该日为办结日期。",
        ),
        Step(
            Action.SERVE,
            ServeIn,
            lambda u, pk, b, on: handling.serve(u, pk, on=on, method=b.method, proof=b.proof),
            "送达答复书并记录送达凭证；凭证文件用 …/actions/serve/upload（multipart）上传。",
        ),
        Step(
            Action.ARCHIVE,
            ArchiveIn,
            lambda u, pk, b, on: handling.archive(u, pk, on=on, reference=b.reference),
            "归档（第四十五条）。",
        ),
        Step(
            Action.WITHDRAW,
            WithdrawIn,
            lambda u, pk, b, on: services.withdraw(u, pk, on=on, note=b.note),
            "申请人撤回申请：办结（表三（六）3）。",
        ),
        Step(
            Action.ASSESS_FEE,
            AssessFeeIn,
            lambda u, pk, b, on: fees.assess_fee(
                u, pk, on=on, method=FeeMethod(b.method), pages=b.pages
            ),
            "核定信息处理费（按件或按量）；发出通知前可重新核定。",
        ),
        Step(
            Action.ISSUE_FEE_NOTICE,
            IssueFeeNoticeIn,
            lambda u, pk, b, on: fees.issue_fee_notice(u, pk, on=on, received_on=b.received_on),
            "发出收费通知。",
        ),
        Step(
            Action.RECORD_FEE_NOTICE_RECEIPT,
            DateOnlyIn,
            lambda u, pk, b, on: fees.record_fee_notice_receipt(u, pk, on=on),
            "申请人收到收费通知之日：缴费期限自次日起算。",
        ),
        Step(
            Action.RECORD_FEE_PAYMENT,
            RecordFeePaymentIn,
            lambda u, pk, b, on: fees.record_fee_payment(
                u, pk, on=on, amount=b.amount, receipt_number=b.receipt_number
            ),
            "申请人按期足额缴费：恢复办理。",
        ),
        Step(
            Action.LAPSE_FEE,
            DateOnlyIn,
            lambda u, pk, b, on: fees.lapse_fee(u, pk, on=on),
            "逾期未缴费：视为放弃申请，办结（表三（六）2）。",
        ),
        Step(
            Action.ATTACH_RELEASED,
            AttachReleasedIn,
            lambda u, pk, b, on: releasing.attach_catalogue_file(
                u, pk, on=on, catalogue_file_id=b.catalogue_file_id
            ),
            "答复附件：附上政府信息公开目录中的现行文件（上传文件请用工作台页面）；"
            "答复书以“附件”列出，申请人在查询页面下载。",
        ),
        Step(
            Action.ORDER_REANSWER,
            OrderReanswerIn,
            lambda u, pk, b, on: services.order_reanswer(
                u,
                pk,
                on=on,
                source=b.source,
                order_document=b.order_document,
                set_due=b.set_due,
            ),
            "复议决定或判决责令重新答复：按决定书确定的期限（未载明的按默认工作日数）重新计时。",
        ),
        Step(
            Action.ISSUE_REANSWER,
            DecideIn,
            lambda u, pk, b, on: services.issue_reanswer(
                u,
                pk,
                on=on,
                outcome=b.outcome,
                reasons=b.reasons,
                legal_basis=b.legal_basis,
                details=b.details,
                referral=b.referral,
                withheld_ground=b.withheld_ground,
            ),
            "作出并出具重新答复书（第一次答复的办理结果仍按原结果计入表三）。",
        ),
        Step(
            Action.CORRECT_APPLICANT_TYPE,
            CorrectApplicantTypeIn,
            lambda u, pk, b, on: correct_applicant_type(
                u, pk, on=on, applicant_type=b.applicant_type, reason=b.reason
            ),
            "更正申请人类型（表三的列），须写明理由；归档后不能更正。",
        ),
        Step(
            Action.REQUEST_REASONS,
            RequestReasonsIn,
            lambda u, pk, b, on: excessive.request_reasons(u, pk, on=on, finding=b.finding),
            "第三十五条：申请数量、频次明显超过合理范围的，要求申请人说明理由（出具说明理由告知书）。",
        ),
        Step(
            Action.RECORD_REASONS,
            RecordReasonsIn,
            lambda u, pk, b, on: excessive.record_reasons(
                u, pk, on=on, judgement=b.judgement, explanation=b.explanation
            ),
            "第三十五条：认定申请理由；不合理的，以“无正当理由大量反复申请”作出办理决定。",
        ),
        Step(
            Action.SET_DELAYED_DEADLINE,
            SetDelayedDeadlineIn,
            lambda u, pk, b, on: excessive.set_delayed_deadline(
                u, pk, on=on, deadline=b.deadline, reason=b.reason
            ),
            "第三十五条：理由合理但无法按期答复的，确定延迟答复期限（取代原答复期限）。",
        ),
        Step(
            Action.DETACH_RELEASED,
            DetachReleasedIn,
            lambda u, pk, b, on: releasing.detach(u, pk, on=on, released_id=b.released_id),
            "移除尚未出具的答复的一个附件。",
        ),
    )
}
