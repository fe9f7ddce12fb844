"""``gongkai serve``: migrate, load the demo agency on first run, run the web platform.

The static files (admin, API docs) are served by WhiteNoise from the apps' own folders. One
Python process runs Python on one core at a time, so on Linux and macOS the platform is served
by gunicorn with several processes (``--workers``, one per core by default), each a pool of
threads (``--threads``), all answering on one listening socket. Where gunicorn cannot run
(Windows, which lacks ``fork``) or with ``--workers 1``, waitress serves it: pure Python, one
process, a pool of threads. ``--dev`` runs Django's development server instead.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

# Requests served at once by each process (its thread pool). SQLite takes one writer at a time
# (the others wait for its lock, in this process or another, docs/platform.md); reads run side by
# side.
DEFAULT_THREADS = 8
# Seconds a gunicorn worker may go without reporting to its master before it is restarted. The
# threaded worker reports between requests from its own loop, so a long request (a report's PDF)
# does not count; only a process that hangs does.
WORKER_TIMEOUT = 120
# Connections waiting to be accepted by the kernel. Django's runserver listens with a backlog
# of 10: with more requests arriving at the same moment (20 applicants submitting at once),
# the kernel dropped some handshakes and requests that carried a body were reset.
LISTEN_BACKLOG = 128
# Open connections waitress holds (waiting ones are queued for a thread, not refused).
CONNECTION_LIMIT = 512


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="启动政府信息公开工作平台（首次运行时自动建库并载入演示数据）",
        description="迁移数据库，首次运行时载入演示机关与演示数据，然后启动网页服务。",
    )
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--no-demo", action="store_true", help="不载入演示机关与演示数据")
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GONGKAI_SERVE_THREADS", DEFAULT_THREADS)),
        help=f"每个进程同时处理的请求数（默认 {DEFAULT_THREADS}，或 GONGKAI_SERVE_THREADS）",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("GONGKAI_SERVE_WORKERS", "0")),
        help="服务进程数（默认每个处理器核心一个，或 GONGKAI_SERVE_WORKERS；"
        "Windows 上只有一个进程）",
    )
    parser.add_argument(
        "--dev", action="store_true", help="改用 Django 开发服务器（仅供开发调试，不用于正式运行）"
    )
    parser.set_defaults(func=serve)


def prepare(*, demo: bool, say: Callable[[str], None] | None = None) -> list[str]:
    """Migrate and, when asked and not yet done, load the demo; return lines to print.

    ``say`` receives a line as each stage of the demo is done (the first start takes a
    while and shows how far it is)."""
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
            count = demo_data.load_demo(progress=say)
        finally:
            notices.setLevel(level)
        lines.append(f"已载入演示机关“{demo_data.BUREAU}”及{count}件演示申请。")
        as_of = demo_data.demo_day()
        if as_of != timezone.localdate():
            lines.append(
                f"工作日历中还没有{as_of.year + 1}年的节假日安排"
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
    from rich.console import Console

    console = Console(highlight=False)
    if not args.no_demo:
        console.print("正在准备数据库（首次运行时还要载入演示数据）……")
    for line in prepare(demo=not args.no_demo, say=lambda line: console.print(f"  {line}")):
        print(line, flush=True)
    note = pdf_subsetting_note()
    if note:
        console.print(note, style="yellow")
    print(f"请在浏览器中打开 http://{args.host}:{args.port}/ （按 Ctrl+C 停止）", flush=True)
    if args.dev:
        from django.core.management import call_command

        # --insecure lets runserver serve the static files without DEBUG.
        call_command(
            _runserver(), f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True
        )
        return 0
    import logging

    from gongkai.web.wsgi import application

    workers = args.workers if args.workers > 0 else default_workers()
    if workers > 1 and gunicorn_available():
        # Forked workers must not share the connection migrate and the demo opened here: each
        # opens its own on its first request (SQLite's locks then work between processes).
        from django.db import connections

        connections.close_all()
        return _serve_gunicorn(application, args.host, args.port, workers, args.threads)
    import waitress

    # "Task queue depth is N" whenever more requests wait than threads are free: a burst of
    # requests is normal work here, not a warning.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    waitress.serve(
        application,
        host=args.host,
        port=args.port,
        threads=max(1, args.threads),
        backlog=LISTEN_BACKLOG,
        connection_limit=CONNECTION_LIMIT,
        ident="gongkai",
        # Behind a reverse proxy (docs/deploy.md) Django itself decides which of the
        # proxy's headers to trust (GONGKAI_PROXY_SSL_HEADER, GONGKAI_USE_X_FORWARDED_HOST,
        # GONGKAI_CLIENT_IP_HEADER); waitress would otherwise drop X-Forwarded-Proto, and
        # Django would take every request for plain HTTP and redirect it for ever.
        clear_untrusted_proxy_headers=False,
        _quiet=True,  # its "Serving on" line: the address is printed above
    )
    return 0


def default_workers() -> int:
    """One process per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def gunicorn_available() -> bool:
    """gunicorn forks its workers: it runs on Linux and macOS, not on Windows."""
    if os.name != "posix":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """gunicorn's settings for ``gongkai serve``: threaded workers sharing one socket."""
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    threads = max(1, threads)
    return {
        "bind": [address],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "backlog": LISTEN_BACKLOG,
        # Connections a worker holds: its threads' and as many waiting (kept alive between a
        # browser's requests, or read and queued for a thread). A worker takes no more, so the
        # others accept what arrives meanwhile instead of one process hoarding a burst.
        "worker_connections": 2 * threads,
        "timeout": WORKER_TIMEOUT,
        "keepalive": 5,
        "proc_name": "gongkai",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        # Behind a reverse proxy (docs/deploy.md) Django itself decides which of the proxy's
        # headers to trust (GONGKAI_PROXY_SSL_HEADER, GONGKAI_USE_X_FORWARDED_HOST,
        # GONGKAI_CLIENT_IP_HEADER): gunicorn neither reads them nor drops them.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
    }


def gunicorn_server(application: Any, options: dict[str, Any]) -> Any:
    """gunicorn's master for ``application`` with ``options`` (not started: ``.run()``)."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    return Server()


def _serve_gunicorn(application: Any, host: str, port: int, workers: int, threads: int) -> int:
    gunicorn_server(application, gunicorn_options(host, port, workers, threads)).run()
    return 0


def pdf_subsetting_note() -> str | None:
    """A hint when HarfBuzz's subsetting library is missing: WeasyPrint then subsets the CJK
    fonts with fontTools, some 20 seconds per PDF (letters, notices, annual reports) instead
    of under one."""
    from ctypes.util import find_library

    if any(find_library(name) for name in ("harfbuzz-subset", "harfbuzz-subset-0")):
        return None
    return (
        "提示：未找到 HarfBuzz 字体子集库（libharfbuzz-subset），生成每份 PDF 约需 20 秒；"
        "安装后（Debian/Ubuntu：apt-get install libharfbuzz-subset0）不到 1 秒。"
    )


def _runserver() -> Any:
    """Django's runserver (``--dev``) with a longer queue of connections waiting to be
    accepted (:data:`LISTEN_BACKLOG` instead of its 10)."""
    from django.core.management import get_commands, load_command_class

    # The runserver of the installed apps (staticfiles' one, which serves the admin's files).
    command: Any = load_command_class(get_commands()["runserver"], "runserver")
    command.server_cls = type(
        "Server", (command.server_cls,), {"request_queue_size": LISTEN_BACKLOG}
    )
    return command
