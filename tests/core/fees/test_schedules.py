"""信息处理费 schedules (domain.md §4.2): vectors from the spec and their invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.fees import (
    FeeMethod,
    fee_for_application,
    monthly_per_application_total,
    per_application_fee,
    per_page_fee,
)


@pytest.mark.parametrize(
    ("count", "total"),
    [
        (0, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (35, 3000),
        (40, 4000),
        (41, 4300),
        (55, 9000),
    ],
)
def test_monthly_per_application_totals(count: int, total: int) -> None:
    assert monthly_per_application_total(count) == total


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_marginal_fee_of_the_nth_application(ordinal: int, fee: int) -> None:
    assert per_application_fee(ordinal) == fee


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_fee(pages: int, fee: int) -> None:
    assert per_page_fee(pages) == fee


@given(st.integers(0, 2000))
def test_monthly_total_is_the_sum_of_marginal_fees(count: int) -> None:
    expected = sum(per_application_fee(n) for n in range(1, count + 1))
    assert monthly_per_application_total(count) == expected


@given(st.integers(1, 5000))
def test_page_fee_grows_by_the_rate_of_the_band_of_the_added_page(pages: int) -> None:
    added = per_page_fee(pages + 1) - per_page_fee(pages)
    page = pages + 1
    assert added == (0 if page <= 30 else 10 if page <= 100 else 20 if page <= 200 else 40)


def test_fee_for_application_uses_one_method() -> None:
    assert fee_for_application(FeeMethod.PER_APPLICATION, ordinal=31) == 200
    assert fee_for_application(FeeMethod.PER_PAGE, pages=101) == 720
    assert FeeMethod.PER_PAGE.label == "按量计收"


@pytest.mark.parametrize(
    ("method", "ordinal", "pages", "message"),
    [
        (FeeMethod.PER_APPLICATION, 12, 40, "不得同时按件和按量"),
        (FeeMethod.PER_PAGE, 12, 40, "不得同时按件和按量"),
        (FeeMethod.PER_APPLICATION, None, None, "申请序号"),
        (FeeMethod.PER_APPLICATION, None, 40, "不看页数"),
        (FeeMethod.PER_PAGE, None, None, "页数"),
        (FeeMethod.PER_PAGE, 12, None, "不看申请序号"),
    ],
)
def test_fee_for_application_refuses_mixed_or_missing_inputs(
    method: FeeMethod, ordinal: int | None, pages: int | None, message: str
) -> None:
    with pytest.raises(GongkaiError, match=message):
        fee_for_application(method, ordinal=ordinal, pages=pages)


@pytest.mark.parametrize("value", [0, -1])
def test_zero_or_negative_counts_are_refused(value: int) -> None:
    with pytest.raises(GongkaiError, match="正整数"):
        per_application_fee(value)
    with pytest.raises(GongkaiError, match="正整数"):
        per_page_fee(value)


def test_negative_monthly_count_and_non_integers_are_refused() -> None:
    with pytest.raises(GongkaiError, match="非负整数"):
        monthly_per_application_total(-1)
    with pytest.raises(GongkaiError, match="整数"):
        per_page_fee(True)
    with pytest.raises(GongkaiError, match="整数"):
        per_page_fee(3.5)  # type: ignore[arg-type]
