"""The fee rules an agency may set, in one settings object (domain.md §4.3–§4.4).

The 20-working-day payment window is VERIFIED for Sichuan only (S5 二); whether the notice
stops the §33 answer clock is UNVERIFIED (§4.4, default: it does). Both are fields, so an
agency (or a province, §4.4 last point) can change them without touching the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from gongkai.core.calendar.deadlines import FEE_PAYMENT_WD
from gongkai.core.calendar.pauses import FEE_NOTICE_PAUSES_CLOCK
from gongkai.core.errors import GongkaiError

# What the notice cites as its basis (S5 二: 依据、标准、数额、缴纳方式). A province adds its
# own measure (e.g. 川发改价格〔2021〕…, 闽财非税函〔2021〕1号) through ``basis``.
DEFAULT_BASIS = (
    "《中华人民共和国政府信息公开条例》第四十二条",
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
)
DEFAULT_PAYMENT_METHOD = (
    "请持本通知到本机关政府信息公开工作机构办理缴费手续，或通过本机关告知的非税收入"
    "缴款渠道缴纳，并取得财政票据"
)


class InvalidFeeRules(GongkaiError):
    """A fee setting that cannot be used (unknown key, wrong type)."""


@dataclass(frozen=True)
class FeeRules:
    payment_window_wd: int = FEE_PAYMENT_WD  # S5 二 (Sichuan); national text UNVERIFIED
    pauses_clock: bool = FEE_NOTICE_PAUSES_CLOCK  # §4.4, UNVERIFIED
    basis: tuple[str, ...] = DEFAULT_BASIS
    payment_method: str = DEFAULT_PAYMENT_METHOD

    def __post_init__(self) -> None:
        window = self.payment_window_wd
        if isinstance(window, bool) or not isinstance(window, int) or window < 1:
            raise InvalidFeeRules(f"缴费期限应为正整数个工作日，实为{window!r}")
        if not isinstance(self.pauses_clock, bool):
            raise InvalidFeeRules(f"pauses_clock 只能是 true 或 false，实为{self.pauses_clock!r}")
        if not self.basis or not all(isinstance(b, str) and b.strip() for b in self.basis):
            raise InvalidFeeRules("收费依据不能为空")
        if not isinstance(self.payment_method, str) or not self.payment_method.strip():
            raise InvalidFeeRules("缴纳方式不能为空")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> FeeRules:
        """Build from settings, refusing unknown keys so a misspelt setting cannot go unseen."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidFeeRules(f"未知的信息处理费设置：{'、'.join(unknown)}")
        data = dict(values)
        if "basis" in data:
            basis = data["basis"]
            if isinstance(basis, str) or not isinstance(basis, list | tuple):
                raise InvalidFeeRules("basis 应为收费依据的列表")
            data["basis"] = tuple(basis)
        return cls(**data)
