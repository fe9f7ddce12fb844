"""Applications: list (filters, cursor pagination, bounded count), detail, registration,
and the audit trail."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Reply
from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.statuses import Group, Status, group_of
from gongkai.web.api import cursor, present
from gongkai.web.api.auth import caller
from gongkai.web.api.errors import ApiRefusal, ErrorOut
from gongkai.web.api.schemas import (
    ApplicationDetail,
    ApplicationPage,
    EventOut,
    Id,
    RegisterIn,
    printable,
    sane_date,
)
from gongkai.web.api.scoping import (
    readable_agency,
    readable_application,
    readable_applications_for_list,
)
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

router = Router(tags=["申请"])
MAX_PAGE = 200
COUNT_CAP = 1000
# Deeper than this, page with the cursor (an offset makes the database skip rows one by one).
MAX_OFFSET = 100_000
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
CONCLUDED = [s.value for s in Status if group_of(s) is Group.CONCLUDED]


class ApplicationFilter(Schema):
    agency: int | None = Field(None, ge=1, le=2**63 - 1, description="只列出该机关的申请")
    status: list[Status] | None = Field(None, description="办理状态，可重复")
    open: bool | None = Field(None, description="true：未办结；false：已办结")
    channel: Channel | None = None
    applicant_type: ApplicantType | None = None
    outcome: Outcome | None = None
    received_from: date | None = Field(None, description="首次收到申请之日不早于")
    received_to: date | None = Field(None, description="首次收到申请之日不晚于")
    due_before: date | None = Field(None, description="答复期限不晚于（如：今天 = 已到期）")
    q: str | None = Field(None, max_length=100, description="申请编号，或申请人姓名/名称的一部分")
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    cursor: str | None = Field(
        None,
        max_length=500,
        description="上一页返回的 next_cursor（原样传回）：取其后的一页。翻页请用它，"
        "不要用 offset；筛选条件须与第一页相同",
    )
    offset: int = Field(
        0,
        ge=0,
        le=MAX_OFFSET,
        description="跳过的条数（旧式分页，翻得越深越慢；不能与 cursor 同时使用）",
    )
    exact_count: bool = Field(
        False,
        description=f"true：count 为精确总数（申请很多时较慢）；默认只数到{COUNT_CAP}件",
    )

    @field_validator("q", "cursor", mode="after")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        return printable(value, None)

    @field_validator("received_from", "received_to", "due_before", mode="after")
    @classmethod
    def _sane_date(cls, value: date | None) -> date | None:
        return sane_date(value)

    @model_validator(mode="after")
    def _in_order(self) -> ApplicationFilter:
        if self.received_from and self.received_to and self.received_from > self.received_to:
            raise PydanticCustomError(
                "dates_out_of_order", "received_from（起）不能晚于 received_to（止）"
            )
        return self


def filtered(cases: QuerySet[Application], filters: ApplicationFilter) -> QuerySet[Application]:
    if filters.status:
        cases = cases.filter(status__in=[s.value for s in filters.status])
    if filters.open is True:
        cases = cases.exclude(status__in=CONCLUDED)
    elif filters.open is False:
        cases = cases.filter(status__in=CONCLUDED)
    for value, lookup in (
        (filters.channel, "channel"),
        (filters.applicant_type, "applicant_type"),
        (filters.outcome, "outcome"),
        (filters.received_from, "first_received_date__gte"),
        (filters.received_to, "first_received_date__lte"),
        (filters.due_before, "due_date__lte"),
    ):
        if value is not None:
            cases = cases.filter(**{lookup: value})
    if filters.q and filters.q.strip():
        term = filters.q.strip()
        cases = cases.filter(Q(number=term) | Q(applicant_name__icontains=term))
    return cases


def counted(cases: QuerySet[Application], exact: bool) -> tuple[int, bool]:
    """How many cases match, and whether that is exact: an exact count(*) reads every
    matching row (hundreds of ms for a big agency), so by default counting stops after
    COUNT_CAP rows and then means "at least COUNT_CAP"."""
    if exact:
        return cases.count(), True
    seen = cases.order_by()[: COUNT_CAP + 1].count()
    return min(seen, COUNT_CAP), seen <= COUNT_CAP


@router.get(
    "/applications",
    response={200: ApplicationPage, **ERRORS},
    url_name="list_applications",
    operation_id="list_applications",
    summary="申请列表",
)
def list_applications(request: HttpRequest, filters: Query[ApplicationFilter]) -> dict[str, object]:
    """调用者可查看的机关（本机关，及监督岗位所在主管部门管辖的机关）的申请，按送达时间倒序
    （同一时间的按 id 倒序）。翻页：把返回的 next_cursor 作为下一次请求的 cursor，直到它为空。
    count 默认只数到上限（count_exact 为 false 时表示“至少这么多”），需要精确总数时加
    exact_count=true。"""
    if filters.cursor is not None and filters.offset:
        raise ApiRefusal(
            400,
            "invalid_cursor",
            "cursor 与 offset 不能同时使用：翻页时只传上一页返回的 next_cursor",
            {"field": "offset"},
        )
    cases = filtered(readable_applications_for_list(caller(request), filters.agency), filters)
    count, exact = counted(cases, filters.exact_count)
    page = cases.select_related("agency").order_by("-arrived_at", "-pk")
    if filters.cursor is not None:
        page = cursor.after(page, cursor.decode(filters.cursor))
    # One row more than asked for says whether there is a next page, without a count.
    rows = list(page[filters.offset : filters.offset + filters.limit + 1])
    more, rows = len(rows) > filters.limit, rows[: filters.limit]
    last = rows[-1] if more else None
    return {
        "count": count,
        "count_exact": exact,
        "limit": filters.limit,
        "offset": filters.offset,
        "next_cursor": cursor.encode(cursor.Place(last.arrived_at, last.pk)) if last else None,
        "items": [present.summary(app) for app in rows],
    }


@router.post(
    "/applications",
    response={201: ApplicationDetail, **ERRORS, 409: ErrorOut},
    url_name="register_application",
    operation_id="register_application",
    summary="登记申请",
)
def register_application(request: HttpRequest, payload: RegisterIn) -> Reply:
    """登记一件申请（如热线、省级平台转来的申请），与工作台登记走同一个服务函数：
    须由受理机关的登记或承办岗位人员的令牌办理；按渠道依第三十一条确定收到申请之日。
    申请须载明至少一种联系方式（联系电话、通信地址或电子邮箱，第二十九条第二款第一项），
    否则不予登记（409）；缺少身份证明的，登记后同时发出补正告知。"""
    user = caller(request)
    agency = readable_agency(user, payload.agency_id)
    arrived_at = payload.arrived_at
    if timezone.is_naive(arrived_at):
        arrived_at = timezone.make_aware(arrived_at)
    details = payload.dict(
        exclude={
            "agency_id",
            "channel",
            "arrived_at",
            "applicant_type",
            "applicant_name",
            "description",
        }
    )
    app = services.register(
        user,
        agency,
        channel=payload.channel,
        arrived_at=arrived_at,
        applicant_type=payload.applicant_type,
        applicant_name=payload.applicant_name,
        description=payload.description,
        **details,
    )
    return Reply(201, present.detail(readable_application(user, app.pk), user))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetail, **ERRORS},
    url_name="application_detail",
    operation_id="application_detail",
    summary="申请详情",
)
def application_detail(request: HttpRequest, application_id: Path[Id]) -> dict[str, object]:
    """申请人的证件号码和联系方式只向登记、承办、审核、负责人岗位完整显示，其他岗位部分隐去。"""
    user = caller(request)
    return present.detail(readable_application(user, application_id), user)


@router.get(
    "/applications/{application_id}/events",
    response={200: list[EventOut], **ERRORS},
    url_name="application_events",
    operation_id="application_events",
    summary="办理记录",
)
def application_events(request: HttpRequest, application_id: Path[Id]) -> list[dict[str, object]]:
    """该申请的全部办理记录（只追加、不可修改的审计记录），按时间顺序。"""
    app = readable_application(caller(request), application_id)
    return [present.event(e) for e in app.events.select_related("actor")]
