"""Fee figures for section 六: notices and amounts by the year they happened, by method."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.fees import FeeFigures, FeeMethod, FeeRecord, fee_figures

A, P = FeeMethod.PER_APPLICATION, FeeMethod.PER_PAGE


def test_named_records() -> None:
    records = [
        FeeRecord(A, 100, date(2025, 3, 10), date(2025, 3, 20), 100, "paid"),
        FeeRecord(A, 200, date(2025, 5, 6), None, 0, "unpaid"),
        FeeRecord(P, 720, date(2025, 12, 29), date(2026, 1, 5), 720, "paid next year"),
        FeeRecord(P, 30, None, reference="assessed only"),
        FeeRecord(P, 10, date(2024, 12, 1), date(2025, 1, 2), 10, "paid this year"),
    ]
    figures = fee_figures(records, 2025)
    assert (figures.notices, figures.charged, figures.collected) == (3, 1020, 110)
    assert figures.by_method[A].notices == 2 and figures.by_method[A].collected == 100
    assert figures.by_method[P].charged == 720 and figures.by_method[P].collected == 10
    assert "发出信息处理费收费通知3件" in figures.sentence
    assert "通知收取金额1020元，实际收取金额110元" in figures.sentence
    assert figures.as_dict()["by_method"] == {
        "per_application": {"notices": 2, "charged": 300, "collected": 100},
        "per_page": {"notices": 1, "charged": 720, "collected": 10},
    }


def test_a_year_without_fees_says_none_were_collected() -> None:
    assert fee_figures([], 2025).sentence == "2025年度本机关未收取信息处理费。"


def test_contradictory_records_are_refused() -> None:
    with pytest.raises(GongkaiError, match="没有收费通知却记录了缴费"):
        FeeRecord(A, 100, None, date(2025, 1, 1), 100, "x")
    with pytest.raises(GongkaiError, match="早于收费通知日期"):
        FeeRecord(A, 100, date(2025, 2, 1), date(2025, 1, 1), 100, "x")


records = st.builds(
    FeeRecord,
    st.sampled_from(list(FeeMethod)),
    st.integers(0, 5000),
    st.dates(date(2024, 1, 1), date(2026, 12, 31)),
)


@given(st.lists(records, max_size=40), st.integers(2024, 2026))
def test_totals_are_the_sum_of_the_methods(items: list[FeeRecord], year: int) -> None:
    figures: FeeFigures = fee_figures(items, year)
    assert figures.notices == sum(m.notices for m in figures.by_method.values())
    sent = [r for r in items if r.notice_sent_on is not None and r.notice_sent_on.year == year]
    assert figures.charged == sum(r.amount for r in sent)
