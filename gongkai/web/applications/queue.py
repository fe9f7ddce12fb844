"""The work queue: filters, search and pages done by the database, so the page stays fast on
a million cases (indexes on agency + status + due date; one query for the rows, one count).
Working days left are computed for the rows of the shown page only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet

from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import (
    GROUP_LABELS,
    STATUS_LABELS,
    STATUS_TABLE,
    Group,
    group_of,
)
from gongkai.core.privacy import mask_phone
from gongkai.web.agencies.models import Unit
from gongkai.web.applications.answer_clock import FINAL, ClockNote, days_left, stored_clock_note
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.form_rendering import PlainSelect
from gongkai.web.text_input import TextForm

OPEN_GROUPS = (Group.INTAKE, Group.ACTIVE, Group.WAITING)
CLOCK_RUNNING = [row.status.value for row in STATUS_TABLE if row.group is Group.ACTIVE]


def statuses_of(groups: tuple[Group, ...] | list[Group]) -> list[str]:
    return [row.status.value for row in STATUS_TABLE if row.group in groups]


def due_soon_wd() -> int:
    return int(getattr(settings, "GONGKAI_DUE_SOON_WD", 3))


def page_size() -> int:
    return int(getattr(settings, "GONGKAI_QUEUE_PAGE_SIZE", 50))


class QueueFilter(TextForm):
    group = forms.ChoiceField(
        label="办理阶段",
        required=False,
        choices=[("", "未办结（全部）")]
        + [(g.value, GROUP_LABELS[g]) for g in Group]
        + [("all", "全部（含已办结）")],
        widget=PlainSelect,
    )
    due = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "不限"), ("soon", "即将到期"), ("overdue", "已超期")],
        widget=PlainSelect,
    )
    channel = forms.ChoiceField(
        label="渠道",
        required=False,
        choices=[("", "全部")] + [(c.value, label) for c, label in CHANNEL_LABELS.items()],
        widget=PlainSelect,
    )
    handler = forms.TypedChoiceField(
        label="承办人", required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    unit = forms.TypedChoiceField(
        label="交办单位", required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    q = forms.CharField(label="搜索（编号、申请人、内容）", required=False, max_length=100)

    def __init__(self, agencies: QuerySet[Any] | list[int], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        handlers = (
            get_user_model()
            .objects.filter(memberships__agency__in=agencies, memberships__role=Role.HANDLER.value)
            .distinct()
            .order_by("pk")
        )
        self._set_choices(
            "handler", [(u.pk, u.get_full_name() or u.get_username()) for u in handlers]
        )
        units = Unit.objects.filter(agency__in=agencies).order_by("pk")
        self._set_choices("unit", [(u.pk, u.name) for u in units])

    def _set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "全部"), *choices]


def filtered_cases(
    agencies: QuerySet[Any] | list[int], data: dict[str, Any], today: date
) -> QuerySet[Application]:
    cases = Application.objects.filter(agency__in=agencies)
    group = data.get("group") or ""
    due = data.get("due") or ""
    if due:
        # Only a running clock can be overdue or due soon; waiting cases are paused.
        cases = cases.filter(status__in=CLOCK_RUNNING)
        if due == "overdue":
            cases = cases.filter(due_date__lt=today)
        else:
            # Counted as the due dates are: a year without holiday data Monday–Friday.
            horizon = work_calendar().provisional().add_working_days(today, due_soon_wd())
            cases = cases.filter(due_date__gte=today, due_date__lte=horizon)
    elif group == "all":
        pass
    elif group:
        cases = cases.filter(status__in=statuses_of([Group(group)]))
    else:
        cases = cases.filter(status__in=statuses_of(list(OPEN_GROUPS)))
    if data.get("channel"):
        cases = cases.filter(channel=data["channel"])
    if data.get("handler"):
        cases = cases.filter(handler_id=data["handler"])
    if data.get("unit"):
        cases = cases.filter(assigned_unit_id=data["unit"])
    query = (data.get("q") or "").strip()
    if query:
        cases = cases.filter(
            Q(number__startswith=query)
            | Q(applicant_name__icontains=query)
            | Q(description__icontains=query)
        )
    return cases.select_related("agency", "handler", "assigned_unit").order_by(
        F("due_date").asc(nulls_last=True), "pk"
    )


@dataclass(frozen=True)
class QueueRow:
    app: Application
    status_label: str
    group: Group
    days_left: int | None
    phone: str
    soon_limit: int
    clock: ClockNote = (
        FINAL  # 暂定 with the staff's reason, when the date crosses an unentered year
    )

    @property
    def urgency(self) -> str:
        if self.group is not Group.ACTIVE or self.days_left is None:
            return "neutral"
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= self.soon_limit else "ok"


def queue_rows(apps: list[Application], today: date) -> list[QueueRow]:
    soon = due_soon_wd()
    rows = []
    for app in apps:
        group = group_of(app.status_enum)
        left = days_left(today, app.due_date) if group is Group.ACTIVE else None
        phone = mask_phone(app.contact_phone) if app.contact_phone else ""
        label = STATUS_LABELS[app.status_enum]
        rows.append(QueueRow(app, label, group, left, phone, soon, stored_clock_note(app)))
    return rows
