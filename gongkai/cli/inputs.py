"""Turning command-line PATH arguments into (name, bytes) inputs."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from gongkai.core.errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024


def expand(paths: list[str]) -> list[str]:
    """Files named, found under directories (recursively) or matched by globs, in order."""
    out: list[str] = []
    for arg in paths:
        if arg == "-":
            out.append(arg)
            continue
        matches = sorted(glob.glob(arg, recursive=True)) if glob.has_magic(arg) else [arg]
        if not matches:
            out.append(arg)  # reported as unreadable, so the user sees the typo
        for match in matches:
            p = Path(match)
            if p.is_dir():
                out.extend(
                    str(f)
                    for f in sorted(p.rglob("*"))
                    if f.is_file() and not any(part.startswith(".") for part in f.parts)
                )
            else:
                out.append(match)
    return out


def read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not path.exists():
        raise InputError(f"找不到文件：{name}")
    if not path.is_file():
        raise InputError(f"不是文件：{name}")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise InputError(f"文件过大（超过{MAX_INPUT_BYTES // 1024 // 1024}MB）：{name}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {name}：{exc.strerror}") from exc


def iter_inputs(names: list[str]) -> Iterator[tuple[str, bytes | InputError]]:
    for name in names:
        try:
            yield name, read_input(name)
        except InputError as exc:
            yield name, exc
