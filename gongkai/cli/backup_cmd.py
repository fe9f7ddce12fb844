"""``gongkai backup FILE`` and ``gongkai restore FILE [--force]`` (gongkai.web.backup)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="备份数据库和全部存储文件（信函、上传材料、送达凭证、已发布的年度报告）",
        description=(
            "把数据库和全部存储文件写入一个 ZIP 备份文件，附备份清单（数据库结构版本、"
            "每个文件的 SHA-256）。服务运行时也可备份，得到的是一致的快照。"
        ),
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="备份文件，例如 gongkai.zip")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="从备份文件恢复数据库和全部存储文件",
        description=(
            "先校验备份文件（每个文件的 SHA-256、数据库类型、数据库结构版本），全部通过后"
            "再恢复数据库和存储文件。恢复前请先停止服务。"
        ),
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="gongkai backup 写出的备份文件")
    restore.add_argument(
        "--force", action="store_true", help="本安装已有数据时也恢复（覆盖现有全部数据和文件）"
    )
    restore.set_defaults(func=run_restore)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def run_backup(args: argparse.Namespace) -> int:
    _setup()
    from gongkai.web.backup import backup

    for line in backup(args.file).lines():
        print(line)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    _setup()
    from gongkai.web.backup import restore

    for line in restore(args.file, force=args.force).lines():
        print(line)
    return 0
