"""Turning command-line PATH arguments into (name, bytes) inputs."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from gongkai.core.errors import InputError
from gongkai.core.parsing import limits


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
                # Hidden files and folders below the one named are skipped; the folder named
                # may itself lie under a hidden one (~/.cache/crawl): its files are read.
                below = len(p.parts)
                out.extend(
                    str(f)
                    for f in sorted(p.rglob("*"))
                    if f.is_file() and not any(part.startswith(".") for part in f.parts[below:])
                )
            else:
                out.append(match)
    return out


def read_input(name: str) -> bytes:
    if name == "-":
        return _stdin()
    return limits.read_file(name)


def _stdin() -> bytes:
    data = sys.stdin.buffer.read(limits.MAX_BYTES + 1)  # never more than the limit in memory
    too_big = limits.size_error(len(data), "标准输入")
    if too_big is not None:
        raise too_big
    return data


def iter_inputs(names: list[str]) -> Iterator[tuple[str, bytes | InputError]]:
    for name in names:
        try:
            yield name, read_input(name)
        except InputError as exc:
            yield name, exc
