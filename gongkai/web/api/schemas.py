"""Request and response shapes of API v1 (they are the OpenAPI description's schemas)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.statuses import Status
from gongkai.core.text_hygiene import text_problem

T = TypeVar("T")

# Texts of at least this maximum length are multi-line (descriptions, reasons, notes): line
# breaks and tabs are allowed there, never in a name, a number or an address.
MULTILINE_FROM = 1000


def printable(value: T, max_length: int | None) -> T:
    """The API's intake rule for text (core.text_hygiene): unprintable characters refused
    with a Chinese message (``422 invalid_request``, problem ``unprintable_text``)."""
    if isinstance(value, str):
        multiline = max_length is not None and max_length >= MULTILINE_FROM
        problem = text_problem(value, multiline=multiline)
        if problem is not None:
            raise PydanticCustomError("unprintable_text", problem)
    return value


# Dates and years the API accepts: from 2008 (the 条例 took effect on 1 May 2008) to the end
# of next year. Anything else is a typo or a probe, refused with 422 rather than reaching the
# calendar or the database.
FIRST_YEAR = 2008


def last_year() -> int:
    return int(timezone.localdate().year) + 1


def sane_year(value: int) -> int:
    if not FIRST_YEAR <= value <= last_year():
        raise PydanticCustomError(
            "year_out_of_range", f"年度应在{FIRST_YEAR}年至{last_year()}年之间（收到：{value}）"
        )
    return value


def sane_date(value: T) -> T:
    """A date (or the day of a datetime) within FIRST_YEAR … next year, else a 422."""
    if isinstance(value, date) and not FIRST_YEAR <= value.year <= last_year():
        raise PydanticCustomError(
            "date_out_of_range",
            f"日期应在{FIRST_YEAR}年1月1日至{last_year()}年12月31日之间（收到：{value.isoformat()}）",
        )
    return value


Year = Annotated[
    int,
    Field(description=f"年度（{FIRST_YEAR}年至明年）", json_schema_extra={"minimum": FIRST_YEAR}),
    AfterValidator(sane_year),
]
# Database ids: positive 64-bit integers (a bigger number is no id, and must not reach SQL).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _max_length(schema: type[Schema], name: str | None) -> int | None:
    field = schema.model_fields.get(name or "")
    for meta in field.metadata if field else ():
        if hasattr(meta, "max_length"):
            return int(meta.max_length)
    return None


class InputSchema(Schema):
    """Request bodies: surrounding blanks of every text are removed before the checks."""

    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        return sane_date(printable(value, _max_length(cls, info.field_name)))


def required(max_length: int, description: str = "") -> Any:
    return Field(min_length=1, max_length=max_length, description=description or None)


def optional(max_length: int, description: str = "") -> Any:
    return Field(default="", max_length=max_length, description=description or None)


RequestedFormValue = Literal["paper", "electronic", "inspect"]
DeliveryValue = Literal["pickup", "mail", "email", "online", "fax"]
OnDate = Annotated[
    date | None, Field(description="办理日期（YYYY-MM-DD），不填为今天；不能晚于今天")
]


# -- applications ----------------------------------------------------------------------


class ApplicationSummary(Schema):
    id: int
    number: str = Field(description="申请编号（机关内唯一）")
    agency_id: int
    agency_name: str
    channel: Channel
    channel_label: str
    arrived_at: datetime = Field(description="送达时间")
    received_date: date | None = Field(description="收到申请之日（当前计时起点，补正后重新起算）")
    first_received_date: date | None = Field(description="首次收到申请之日（表三按此计年度）")
    applicant_type: ApplicantType
    applicant_type_label: str
    applicant_name: str
    status: Status
    status_label: str
    stage: str = Field(description="办理阶段：intake / active / waiting / concluded")
    due_date: date | None = Field(description="答复期限（收到申请之日尚未确定时为空）")
    due_date_provisional: bool = Field(
        False,
        description="答复期限为暂定：计算跨入尚未录入节假日安排的年度，该年暂按周一至周五计算，"
        "录入后重新计算",
    )
    outcome: Outcome | None
    outcome_label: str
    concluded_on: date | None


class ApplicantContacts(Schema):
    masked: bool = Field(description="为 true 时证件号码和联系方式已部分隐去（调用者的岗位不需要）")
    id_document: str
    credit_code: str
    contact_phone: str
    contact_address: str
    contact_email: str


class ConsultationOut(Schema):
    id: int  # names the consultation to finish_consultation when several are open
    party: Literal["third_party", "other_agency"]
    party_label: str
    party_name: str
    sent_on: date
    delivered_on: date | None
    ended_on: date | None
    reply: str


class ApplicationDetail(ApplicationSummary):
    contacts: ApplicantContacts
    description: str
    requested_form: str
    requested_form_label: str
    delivery: str
    delivery_label: str
    receipt_confirmation: str
    supplement_requested_on: date | None
    supplement_due: date | None
    supplement_count: int
    extension_days: int
    extension_approved_on: date | None
    extension_reason: str
    handler: str | None = Field(description="承办人用户名")
    assigned_unit: str | None = Field(description="交办的内设机构")
    reviewed_on: date | None
    outcome_row: str = Field(
        description="办理结果对应的表三行（如“（三）不予公开 3.危及“三安全一稳定””）"
    )
    decision_reasons: str
    legal_basis: str
    decision_details: str
    referral: str
    decided_on: date | None
    issued_on: date | None
    served_on: date | None
    archived_on: date | None
    archive_reference: str
    created_at: datetime
    consultations: list[ConsultationOut]
    read_only: bool = Field(description="调用者对该机关只有查看权限（监督岗位）")


class ApplicationPage(Schema):
    count: int = Field(
        description="符合筛选条件的申请数；count_exact 为 false 时是下限（“至少这么多”）"
    )
    count_exact: bool = Field(description="count 是否为精确总数（请求 exact_count=true 时总是）")
    limit: int
    offset: int
    next_cursor: str | None = Field(
        description="下一页的游标：作为 cursor 参数原样传回；为空表示没有下一页"
    )
    items: list[ApplicationSummary]


class RegisterIn(InputSchema):
    agency_id: int = Field(ge=1, le=2**63 - 1, description="受理机关（见 GET /agencies）")
    channel: Channel
    arrived_at: datetime = Field(description="送达时间（ISO 8601；不带时区按北京时间）")
    applicant_type: ApplicantType
    applicant_name: str = required(200)
    description: str = required(5000, "所需政府信息的名称、文号或描述")
    id_document: str = optional(100)
    credit_code: str = optional(18)
    contact_phone: str = optional(50)
    contact_address: str = optional(300)
    contact_email: str = optional(254)
    requested_form: RequestedFormValue = "paper"
    delivery: DeliveryValue = "mail"
    tracking_number: str = optional(50, "邮寄申请的邮件号")
    postmark_date: date | None = Field(None, description="邮戳日期")
    sender_address: str = optional(200, "传真、电子邮件申请的来件号码或邮箱")


class EventOut(Schema):
    id: int
    action: str
    action_label: str
    occurred_on: date = Field(description="业务日期")
    recorded_at: datetime = Field(description="记录时间")
    actor: str | None = Field(description="办理人用户名；系统自动记录时为空")
    actor_name: str
    from_status: Status | None
    to_status: Status
    to_status_label: str
    note: str
    data: dict[str, Any]


# -- actions on a case -----------------------------------------------------------------


class AvailableAction(Schema):
    action: str
    label: str
    method: Literal["POST"] = "POST"
    path: str


# -- agencies and statistics -----------------------------------------------------------


class AgencyOut(Schema):
    id: int
    name: str
    code: str | None
    kind: str
    kind_label: str
    supervisor_id: int | None
    roles: list[str] = Field(description="调用者在该机关的岗位")
    read_only: bool = Field(description="只能查看（通过主管部门的监督岗位可见）")


class MeOut(Schema):
    username: str
    name: str
    token_name: str
    token_expires_at: datetime | None
    agencies: list[AgencyOut]


class ChannelCount(Schema):
    channel: Channel
    label: str
    count: int


class OutcomeShare(Schema):
    row: str = Field(description="表三行键（tables.json）")
    label: str
    count: int
    share_percent: str | None = Field(description="占办结数的百分比，两位小数")


class FiguresOut(Schema):
    agency_id: int
    agency: str
    year: int
    new_total: int
    new_by_channel: list[ChannelCount]
    concluded: int
    timed: int = Field(description="有答复期限的办结件数（按期率的分母）")
    on_time: int
    on_time_rate_percent: str | None
    outcomes: list[OutcomeShare]
    sentences: list[str] = Field(description="可用于年度报告正文一(二)的句子")
