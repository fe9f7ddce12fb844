"""表二 （一） from the documents' life cycle; the year-to-year identity as a property."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.catalogue.normative import (
    DocumentKind,
    DocumentLife,
    check_repeal,
    count_documents,
    table2_documents,
)
from gongkai.core.errors import GongkaiError

N = DocumentKind.NORMATIVE


def test_counts_of_one_year() -> None:
    docs = [
        DocumentLife(N, date(2023, 5, 1), date(2025, 7, 1)),  # repealed this year
        DocumentLife(N, date(2025, 2, 1)),  # issued this year, in force
        DocumentLife(N, date(2025, 3, 1), date(2025, 11, 30)),  # issued and repealed
        DocumentLife(N, date(2024, 1, 1), date(2026, 1, 1)),  # repealed after the year
        DocumentLife(N, date(2026, 1, 2)),  # later
        DocumentLife(DocumentKind.REGULATION, date(2025, 1, 1)),
    ]
    table = table2_documents(docs, 2025)
    assert table["normative_documents"] == {"issued": 2, "repealed": 2, "in_force": 2}
    assert table["regulations"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_repealed_on_31_december_is_no_longer_in_force_that_day() -> None:
    doc = DocumentLife(N, date(2020, 1, 1), date(2025, 12, 31))
    assert count_documents([doc], 2025, N).in_force == 0
    assert count_documents([doc], 2024, N).in_force == 1


def test_regulations_row_is_present_even_when_zero() -> None:
    assert table2_documents([], 2025)["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_impossible_dates_are_refused_in_chinese() -> None:
    with pytest.raises(GongkaiError, match=r"废止日期.*早于制发日期"):
        DocumentLife(N, date(2025, 2, 1), date(2025, 1, 1))
    with pytest.raises(GongkaiError, match="不能再次废止"):
        check_repeal(DocumentLife(N, date(2025, 1, 1), date(2025, 2, 1)), date(2025, 3, 1))
    with pytest.raises(GongkaiError, match="不能早于制发日期"):
        check_repeal(DocumentLife(N, date(2025, 1, 1)), date(2024, 3, 1))


@st.composite
def lives(draw: st.DrawFn) -> DocumentLife:
    issued = draw(st.dates(date(2015, 1, 1), date(2030, 12, 31)))
    repealed = draw(st.none() | st.integers(0, 4000).map(lambda d: issued + timedelta(days=d)))
    kind = draw(st.sampled_from(list(DocumentKind)))
    return DocumentLife(kind, issued, repealed)


@given(st.lists(lives(), max_size=40), st.integers(2016, 2030))
def test_in_force_at_end_is_start_plus_issued_minus_repealed(
    docs: list[DocumentLife], year: int
) -> None:
    for kind in DocumentKind:
        this, last = count_documents(docs, year, kind), count_documents(docs, year - 1, kind)
        assert this.in_force == last.in_force + this.issued - this.repealed
        assert min(this.issued, this.repealed, this.in_force) >= 0
