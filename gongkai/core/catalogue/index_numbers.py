"""索引号 (the catalogue's index number, §12 / P6).

The 条例 requires an index but fixes no format, so the format is a setting (UNVERIFIED). The
default, ``{agency_code}/{year}-{seq:05d}``, is the common practice of 统一社会信用代码 /
year - running number (e.g. ``111305340000000027/2025-00012``). A format must contain
``{year}`` and ``{seq}`` so that the running number per agency and year keeps it unique.
"""

from __future__ import annotations

from string import Formatter

from gongkai.core.errors import GongkaiError

DEFAULT_INDEX_FORMAT = "{agency_code}/{year}-{seq:05d}"
FIELDS = frozenset({"agency_code", "year", "seq", "category"})


def check_index_format(template: str) -> None:
    try:
        names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise GongkaiError(f"索引号格式“{template}”无法解析：{exc}") from None
    unknown = sorted(names - FIELDS)
    if unknown:
        raise GongkaiError(
            f"索引号格式含未知字段：{'、'.join(unknown)}（可用：agency_code、year、seq、category）"
        )
    if not {"year", "seq"} <= names:
        raise GongkaiError("索引号格式必须包含 {year} 和 {seq}，才能保证同一机关内不重复")
    format_index_number(template, agency_code="X", year=2000, seq=1, category="c")


def format_index_number(
    template: str, *, agency_code: str, year: int, seq: int, category: str
) -> str:
    if seq < 1:
        raise GongkaiError(f"索引号序号必须是正整数：{seq}")
    try:
        return template.format(agency_code=agency_code, year=year, seq=seq, category=category)
    except (ValueError, KeyError, IndexError) as exc:
        raise GongkaiError(f"索引号格式“{template}”无法使用：{exc}") from None


def agency_index_code(code: str | None, agency_id: int) -> str:
    """The agency's 统一社会信用代码, or a stable stand-in until one is entered."""
    return code.strip() if code and code.strip() else f"JG{agency_id:06d}"
