"""Entry point of the ``gongkai`` command.

Each sub-command lives in its own module exposing ``register(subparsers)``, which adds an
``argparse`` parser whose ``func`` default is called with the parsed arguments and returns
the process exit status. No traceback reaches a user unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from gongkai.core.errors import GongkaiError

COMMAND_MODULES = (
    "gongkai.cli.parse_cmd",
    "gongkai.cli.check_cmd",
    "gongkai.cli.ingest_cmd",
    "gongkai.cli.deadline_cmd",
    "gongkai.cli.serve_cmd",
    "gongkai.cli.report_cmd",
    "gongkai.cli.backup_cmd",
    "gongkai.cli.explore_cmd",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="gongkai（公开）：政府信息公开年度报告解析、校验与办理期限计算",
    )
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command whose module is not installed in this build
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        status: int = args.func(args)
        return status
    except GongkaiError as exc:
        if args.debug:
            raise
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详情）", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
