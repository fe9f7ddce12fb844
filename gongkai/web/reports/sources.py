"""Where the report's figures come from: the other apps' statistics, looked up at call time.

表三 and the application figures come from the applications app; 表二 and the catalogue
figures from the catalogue app; 表四 from the remedies app; the 信息处理费 from the fees app.
A source that is not installed yields ``None`` and a note saying so: the report then shows
blank cells (which the checks report as errors) rather than numbers nobody counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from gongkai.core.reporting.figures import FeeFigures
from gongkai.web.agencies.models import Agency

SOURCE_NAMES = {
    "table2": "表二（主动公开目录、规范性文件和业务数据）",
    "table4": "表四（行政复议、行政诉讼）",
    "catalogue": "主动公开目录统计",
    "fees": "信息处理费统计",
}
SOURCE_FUNCTIONS = {
    "table2": ("gongkai.web.catalogue.statistics", "table2_for"),
    "table4": ("gongkai.web.remedies.statistics", "table4_for"),
    "catalogue": ("gongkai.web.catalogue.statistics", "catalogue_figures"),
    "fees": ("gongkai.web.fees.statistics", "fee_figures"),
}


def source_function(name: str) -> Callable[[Agency, int], Any] | None:
    module_name, function = SOURCE_FUNCTIONS[name]
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as missing:
        # Only the source module itself (or its app) missing means "not installed yet";
        # a missing dependency inside it is a real error and must surface.
        if missing.name is None or not module_name.startswith(missing.name):
            raise
        return None
    found: Callable[[Agency, int], Any] | None = getattr(module, function, None)
    return found


@dataclass
class Sources:
    table2: dict[str, Any] | None = None
    table4: dict[str, Any] | None = None
    catalogue: Mapping[str, Any] | None = None
    fees: FeeFigures | None = None
    missing: list[str] = field(default_factory=list)  # Chinese notes for the builder page


def gather(agency: Agency, year: int) -> Sources:
    sources = Sources()
    for name in SOURCE_FUNCTIONS:
        function = source_function(name)
        if function is None:
            sources.missing.append(f"{SOURCE_NAMES[name]}的数据来源尚未启用")
            continue
        value = function(agency, year)
        if name == "fees":
            value = fee_figures_from(value)
            if value is None:
                sources.missing.append(f"{SOURCE_NAMES[name]}的数据无法识别")
                continue
        setattr(sources, name, _plain(value) if name != "fees" else value)
    return sources


def _plain(value: Any) -> Any:
    """A mapping (or a dataclass) as a plain dict, so the core gets one shape."""
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    return value


def fee_figures_from(value: Any) -> FeeFigures | None:
    """The fees app's figures, or None when they are not of the expected type."""
    return value if isinstance(value, FeeFigures) else None
