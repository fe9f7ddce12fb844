from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.web.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = "发送每日待办提醒邮件（即将到期、已超期、补正期满等）；同一天重复运行不会重复发送。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天）")
        parser.add_argument("--base-url", default="", help="邮件中链接的网址前缀")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"日期格式不正确：{options['date']}（应为 YYYY-MM-DD）") from None
        sent = send_reminders(today or timezone.localdate(), base_url=options["base_url"])
        self.stdout.write(f"已发送{sent}封提醒邮件。")
