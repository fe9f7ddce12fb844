"""The work queue's table rows, written by Python: a page shows up to 50 cases of nine cells
each, and drawn by the template (a ``{% url %}``, filters and some fifteen lookups a row) they
were a third of the most requested staff page's CPU. The markup is the one the template
wrote; every value from the database is escaped here, as the template escaped it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.applications.statuses import Group
from gongkai.web.applications.queue import QueueRow

_SENTINEL = 918273645  # a case number no installation reaches, replaced by each row's


def queue_table(rows: list[QueueRow]) -> list[SafeString]:
    """One ``<tr>`` per row; the case page's URL is reversed once, not once a row."""
    url = reverse("applications:detail", args=[_SENTINEL])
    before, after = url.split(str(_SENTINEL))
    return [_row(row, f"{before}{row.app.pk}{after}") for row in rows]


def _row(row: QueueRow, url: str) -> SafeString:
    app = row.app
    handler = ""
    if app.handler is not None:
        handler = escape(app.handler.get_full_name() or app.handler.username)
    else:
        handler = "—"
    if app.assigned_unit is not None:
        handler += f"<br>{escape(app.assigned_unit.name)}"
    due = app.due_date.isoformat() if app.due_date else "—"
    if row.clock.provisional:
        due += f' <span class="soon" title="{escape(row.clock.staff)}">暂定</span>'
    received = app.received_date.isoformat() if app.received_date else "待确认"
    cells = (
        f'<td><a href="{escape(url)}">{escape(app.number)}</a></td>',
        f"<td>{escape(app.applicant_name)}</td>",
        f"<td>{escape(row.phone or '—')}</td>",
        f"<td>{escape(app.get_channel_display())}</td>",  # type: ignore[attr-defined]
        f"<td>{received}</td>",
        f"<td>{escape(row.status_label)}</td>",
        f"<td>{handler}</td>",
        f"<td>{due}</td>",
        f'<td class="{row.urgency}">{_days_left(row)}</td>',
    )
    return mark_safe("<tr>" + "".join(cells) + "</tr>")


def _days_left(row: QueueRow) -> str:
    if row.group is Group.WAITING:
        return "暂停计时"
    if row.group is Group.CONCLUDED:
        return "已办结"
    if row.days_left is None:
        return "缺少日历数据" if row.app.received_date else "—"
    if row.days_left < 0:
        return f"已超期 {-row.days_left} 个工作日"
    if row.urgency == "soon":
        return f"即将到期：{row.days_left}"
    return str(row.days_left)
