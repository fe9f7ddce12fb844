"""The formats a report is written in, and the renderer of each.

HTML and JSON are always available (the report core); DOCX, PDF and XLSX come from
``gongkai.core.rendering.{docx,pdf,xlsx}`` and are looked up when asked for, so a build
without one of them still publishes the others and says which is missing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from gongkai.core.errors import GongkaiError
from gongkai.core.rendering.html import render_html
from gongkai.core.report import jsonio
from gongkai.core.report.model import AnnualReport

FORMATS: tuple[str, ...] = ("html", "docx", "pdf", "xlsx", "json")
FORMAT_LABELS = {
    "html": "网页（HTML）",
    "docx": "Word（DOCX）",
    "pdf": "PDF",
    "xlsx": "Excel（XLSX）",
    "json": "数据（JSON）",
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


class Renderer(Protocol):
    """Writes a report; ``draft`` marks a report not yet published 草稿 (JSON is data and
    stays as the contract defines it)."""

    def __call__(self, report: AnnualReport, *, draft: bool = False) -> bytes: ...


class UnknownFormat(GongkaiError):
    """A format name that is not one of FORMATS."""


class RendererMissing(GongkaiError):
    """The renderer of a known format is not installed in this build."""


def check_format(name: str) -> str:
    fmt = name.strip().lower()
    if fmt not in FORMATS:
        raise UnknownFormat(f"不支持的格式“{name}”；可选：{'、'.join(FORMATS)}")
    return fmt


def _external(fmt: str) -> Renderer | None:
    module_name = f"gongkai.core.rendering.{fmt}"
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name != module_name:
            raise
        return None
    found: Renderer | None = getattr(module, f"render_{fmt}", None)
    return found


def renderer(fmt: str) -> Renderer | None:
    """The function writing ``fmt``, or None when that renderer is not installed."""
    fmt = check_format(fmt)
    if fmt == "html":
        return _html
    if fmt == "json":
        return _json
    return _external(fmt)


def _html(report: AnnualReport, *, draft: bool = False) -> bytes:
    return render_html(report, draft=draft).encode("utf-8")


def _json(report: AnnualReport, *, draft: bool = False) -> bytes:
    return (jsonio.dumps(report) + "\n").encode("utf-8")


def available_formats() -> tuple[str, ...]:
    return tuple(f for f in FORMATS if renderer(f) is not None)


def render(report: AnnualReport, fmt: str, *, draft: bool = False) -> bytes:
    """``fmt`` bytes of the report; ``draft`` for one that is not published (a 草稿 mark)."""
    write = renderer(fmt)
    if write is None:
        raise RendererMissing(f"本版本尚未安装{FORMAT_LABELS[fmt]}生成模块，无法输出该格式")
    return write(report, draft=draft)
