"""信息处理费 schedules of 国办函〔2020〕109号 第三条–第五条 (domain.md §4.2), in whole 元.

Both schedules are 超额累进: a band's rate applies only to the units inside that band. For one
application an agency charges by one method only, never both (第三条).
"""

from __future__ import annotations

from enum import Enum

from gongkai.core.errors import GongkaiError

# 按件 (第四条): applications of one applicant in one calendar month.
FREE_APPLICATIONS_PER_MONTH = 10
FIRST_PAID_BAND_END = 30
FIRST_PAID_BAND_FEE = 100
LATER_BAND_SIZE = 10
LATER_BAND_STEP = 100

# 按量 (第五条): pages of one application; (last page of the band, 元 per page). None = no end.
PAGE_BANDS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


class FeeMethod(Enum):
    PER_APPLICATION = "per_application"  # 按件计收
    PER_PAGE = "per_page"  # 按量计收

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_APPLICATION else "按量计收"


def _require_count(value: object, what: str, *, allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise GongkaiError(f"{what}必须是整数：{value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise GongkaiError(f"{what}必须是{'非负' if allow_zero else '正'}整数：{value}")
    return value


def per_application_fee(ordinal_in_month: int) -> int:
    """Fee of the n-th application one applicant filed in one calendar month (1-based)."""
    n = _require_count(ordinal_in_month, "本月申请序号")
    if n <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if n <= FIRST_PAID_BAND_END:
        return FIRST_PAID_BAND_FEE
    # "以10件为一档，每增加一档，收费标准提高100元/件": the 31st–40th form the first such band.
    band = 1 + (n - FIRST_PAID_BAND_END - 1) // LATER_BAND_SIZE
    return FIRST_PAID_BAND_FEE + band * LATER_BAND_STEP


def monthly_per_application_total(count: int) -> int:
    """Total 按件 fees of one applicant whose ``count`` applications of a month were all charged.

    Zero applications cost nothing; the sum is closed-form so large counts cost no loop.
    """
    n = _require_count(count, "本月申请件数", allow_zero=True)
    total = 0
    paid_in_first_band = min(n, FIRST_PAID_BAND_END) - FREE_APPLICATIONS_PER_MONTH
    if paid_in_first_band > 0:
        total += paid_in_first_band * FIRST_PAID_BAND_FEE
    beyond = n - FIRST_PAID_BAND_END
    if beyond > 0:
        full_bands, rest = divmod(beyond, LATER_BAND_SIZE)
        # Band k (1-based) costs FIRST_PAID_BAND_FEE + k × LATER_BAND_STEP per application.
        total += LATER_BAND_SIZE * (
            full_bands * FIRST_PAID_BAND_FEE + LATER_BAND_STEP * full_bands * (full_bands + 1) // 2
        )
        total += rest * (FIRST_PAID_BAND_FEE + (full_bands + 1) * LATER_BAND_STEP)
    return total


def per_page_fee(pages: int) -> int:
    """按量 fee of one application of ``pages`` pages; how to count pages is the caller's input."""
    n = _require_count(pages, "页数")
    total = 0
    band_start = 1
    for band_end, rate in PAGE_BANDS:
        last = n if band_end is None else min(n, band_end)
        if last >= band_start:
            total += (last - band_start + 1) * rate
        if band_end is None or n <= band_end:
            break
        band_start = band_end + 1
    return total


def fee_for_application(
    method: FeeMethod, ordinal: int | None = None, pages: int | None = None
) -> int:
    """The fee of one application under the one method chosen for it."""
    if ordinal is not None and pages is not None:
        raise GongkaiError("同一申请不得同时按件和按量计收信息处理费（第三条）")
    if method is FeeMethod.PER_APPLICATION:
        if pages is not None:
            raise GongkaiError("按件计收不看页数：请给出该申请在本月的申请序号，而不是页数")
        if ordinal is None:
            raise GongkaiError("按件计收需要该申请在本月的申请序号")
        return per_application_fee(ordinal)
    if ordinal is not None:
        raise GongkaiError("按量计收不看申请序号：请给出该申请提供信息的页数")
    if pages is None:
        raise GongkaiError("按量计收需要该申请提供信息的页数")
    return per_page_fee(pages)
