"""``python -m gongkai.web.manage recompute_due_dates``: every open case's due date again.

Due dates are stored at each step and at each calendar write; after an upgrade that changes
how they are counted (e.g. 暂定 dates instead of none for a year without holiday data), this
brings the stored ones up to date as one audited calendar step.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.workcalendar.services import calendar_step


class Command(BaseCommand):
    help = "按当前工作日历和办理规则重新计算所有在办申请的答复期限（每项变化均留记录）"

    def handle(self, *args: Any, **options: Any) -> None:
        moved = calendar_step(None, "升级后重新计算答复期限", lambda: None)
        self.stdout.write(f"{moved}件在办申请的答复期限已更新。")
