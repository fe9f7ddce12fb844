"""``gongkai serve``: migrate, load the demo agency on first run, run the web platform."""

from __future__ import annotations

import argparse
import os
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="启动政府信息公开工作平台（首次运行时自动建库并载入演示数据）",
        description="迁移数据库，首次运行时载入演示机关与演示数据，然后启动网页服务。",
    )
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--no-demo", action="store_true", help="不载入演示机关与演示数据")
    parser.set_defaults(func=serve)


def prepare(*, demo: bool) -> list[str]:
    """Migrate and, when asked and not yet done, load the demo; return lines to print."""
    import logging  # here, not at the top: every `gongkai` command would pay for it

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.core.applications.roles import ROLE_LABELS
    from gongkai.web import demo as demo_data

    call_command("migrate", interactive=False, verbosity=0)
    lines = ["数据库已迁移到最新结构。"]
    if demo and not demo_data.demo_present():
        # The demo takes hundreds of steps; their notices to applicants and staff would bury
        # the start-up.
        notices = logging.getLogger("gongkai")
        level = notices.level
        notices.setLevel(logging.WARNING)
        try:
            count = demo_data.load_demo()
        finally:
            notices.setLevel(level)
        lines.append(f"已载入演示机关“{demo_data.BUREAU}”及{count}件演示申请。")
        as_of = demo_data.demo_day()
        if as_of != timezone.localdate():
            lines.append(
                f"工作日历中还没有{(as_of + demo_data.DEMO_HORIZON).year + 1}年的节假日安排"
                f"（国务院办公厅公布后由管理员在“工作日历”中录入），"
                f"演示数据截至{as_of:%Y年%m月%d日}。"
            )
    if demo_data.demo_present():
        lines.append("演示账号（仅供演示，正式使用前请删除或修改密码）：")
        for username, full_name, agency, role, password in demo_data.DEMO_USERS:
            label = ROLE_LABELS[role]
            lines.append(f"  {username:<10} 密码 {password:<20} {full_name} · {agency} · {label}")
    return lines


def serve(args: argparse.Namespace) -> int:
    for line in prepare(demo=not args.no_demo):
        print(line)
    from django.core.management import call_command

    print(f"请在浏览器中打开 http://{args.host}:{args.port}/ （按 Ctrl+C 停止）")
    # --insecure lets runserver serve the admin's static files without DEBUG; this server is
    # for a single office's intranet use until a production WSGI setup is documented.
    call_command(
        _runserver(), f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True
    )
    return 0


LISTEN_BACKLOG = 128


def _runserver() -> Any:
    """Django's runserver with a longer queue of connections waiting to be accepted.

    Its server listens with a backlog of 10: with more requests arriving at the same moment
    (20 applicants submitting at once), the kernel dropped some handshakes and requests that
    carried a body were reset instead of served.
    """
    from django.core.management import get_commands, load_command_class

    # The runserver of the installed apps (staticfiles' one, which serves the admin's files).
    command: Any = load_command_class(get_commands()["runserver"], "runserver")
    command.server_cls = type(
        "Server", (command.server_cls,), {"request_queue_size": LISTEN_BACKLOG}
    )
    return command
