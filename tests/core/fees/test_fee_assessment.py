"""Fee assessment: who the same applicant is, the monthly ordinal, the amount and its reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.fees import (
    FeeMethod,
    MonthEntry,
    UnknownApplicant,
    applicant_key,
    assess,
    monthly_per_application_total,
    ordinal_in_month,
    per_application_fee,
)


def test_the_credit_code_wins_and_spacing_or_case_do_not_matter() -> None:
    assert applicant_key(credit_code="91 1301 ab", id_document="1101") == "code:911301AB"
    assert applicant_key(id_document="11010119900101123x") == "id:11010119900101123X"
    assert applicant_key(id_document=" 1101 0119 ") == applicant_key(id_document="11010119")


def test_a_name_alone_is_not_an_identity() -> None:
    with pytest.raises(UnknownApplicant, match="身份证明号码或统一社会信用代码"):
        applicant_key()


def test_ordinal_counts_the_month_by_day0_then_registration_order() -> None:
    entries = [
        MonthEntry(1, date(2025, 3, 3), 1),
        MonthEntry(2, date(2025, 3, 1), 5),  # earlier day 0, registered later
        MonthEntry(3, date(2025, 2, 28), 0),  # another month
        MonthEntry(4, date(2025, 3, 3), 2),  # same day as 1, registered after it
        MonthEntry(5, date(2025, 4, 1), 3),  # another month
    ]
    by_ref = {e.reference: e for e in entries}
    assert ordinal_in_month(by_ref[2], entries) == 1
    assert ordinal_in_month(by_ref[1], entries) == 2
    assert ordinal_in_month(by_ref[4], entries) == 3
    assert ordinal_in_month(by_ref[3], entries) == 1
    assert ordinal_in_month(by_ref[5], entries) == 1


@given(
    st.lists(
        st.tuples(st.dates(date(2025, 1, 1), date(2025, 12, 31)), st.integers(0, 10**6)),
        min_size=1,
        max_size=60,
        unique_by=lambda t: t[1],
    )
)
def test_ordinals_of_a_month_are_1_to_n_and_charge_the_monthly_total(
    rows: list[tuple[date, int]],
) -> None:
    entries = [MonthEntry(i, day0, seq) for i, (day0, seq) in enumerate(rows)]
    by_month: dict[tuple[int, int], list[int]] = {}
    for entry in entries:
        month = (entry.day0.year, entry.day0.month)
        by_month.setdefault(month, []).append(ordinal_in_month(entry, entries))
    for ordinals in by_month.values():
        assert sorted(ordinals) == list(range(1, len(ordinals) + 1))
        charged = sum(per_application_fee(n) for n in ordinals)
        assert charged == monthly_per_application_total(len(ordinals))


@pytest.mark.parametrize(
    ("ordinal", "amount", "phrase"),
    [
        (10, 0, "本件不收费"),
        (11, 100, "第11至30件每件100元"),
        (35, 200, "第31至40件每件200元"),
        (41, 300, "第41至50件每件300元"),
    ],
)
def test_per_application_assessment_explains_its_band(
    ordinal: int, amount: int, phrase: str
) -> None:
    result = assess(FeeMethod.PER_APPLICATION, ordinal=ordinal)
    assert result.amount == amount
    assert result.chargeable is (amount > 0)
    assert phrase in "".join(result.explanation)
    assert f"第{ordinal}件" in result.explanation[0]


def test_per_page_assessment_itemises_each_band() -> None:
    result = assess(FeeMethod.PER_PAGE, pages=250)
    assert result.amount == 4700
    text = "".join(result.explanation)
    for part in ("70页×10元＝700元", "100页×20元＝2000元", "50页×40元＝2000元", "合计4700元"):
        assert part in text


def test_one_method_per_application() -> None:
    with pytest.raises(GongkaiError, match="不得同时按件和按量"):
        assess(FeeMethod.PER_PAGE, ordinal=12, pages=40)
