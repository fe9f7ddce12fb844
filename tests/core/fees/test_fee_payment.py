"""The payment window and the fee pause of the answer clock (S5 二; §4.4 UNVERIFIED)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.calendar.workdays import default_calendar
from gongkai.core.errors import GongkaiError
from gongkai.core.fees import FeeRules, check_lapse, check_payment, fee_clock_pause, payment_due

CAL = default_calendar()


def test_window_starts_the_day_after_receipt_and_counts_working_days() -> None:
    # 2025-09-30 + 20 working days over the National Day holiday (domain.md §2.3 vectors)
    assert payment_due(date(2025, 9, 30), FeeRules(), CAL) == date(2025, 11, 4)
    assert payment_due(date(2025, 10, 4), FeeRules(), CAL) == date(2025, 11, 4)
    assert payment_due(date(2025, 9, 26), FeeRules(payment_window_wd=15), CAL) == date(2025, 10, 23)


def test_paid_notice_pauses_from_the_day_after_receipt_to_payment() -> None:
    pause = fee_clock_pause(date(2025, 3, 3), date(2025, 3, 14), FeeRules(), CAL)
    assert pause is not None
    assert (pause.first_day, pause.last_day) == (date(2025, 3, 4), date(2025, 3, 14))


def test_unpaid_notice_pauses_up_to_today_but_never_past_the_window() -> None:
    received = date(2025, 3, 3)
    open_pause = fee_clock_pause(received, None, FeeRules(), CAL, today=date(2025, 3, 7))
    assert open_pause is not None and open_pause.last_day == date(2025, 3, 7)
    late = fee_clock_pause(received, None, FeeRules(), CAL, today=date(2025, 6, 1))
    assert late is not None and late.last_day == payment_due(received, FeeRules(), CAL)
    assert fee_clock_pause(received, None, FeeRules(), CAL) is None


def test_no_pause_when_the_setting_says_so_or_receipt_unknown() -> None:
    off = FeeRules(pauses_clock=False)
    assert fee_clock_pause(date(2025, 3, 3), date(2025, 3, 14), off, CAL) is None
    assert fee_clock_pause(None, date(2025, 3, 14), FeeRules(), CAL) is None
    assert fee_clock_pause(date(2025, 3, 3), date(2025, 3, 3), FeeRules(), CAL) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": 600}, "与收费通知的应缴金额700元不符"),
        ({"amount": 0}, "正整数"),
        ({"on": date(2025, 3, 2)}, "早于申请人收到收费通知之日"),
        ({"on": date(2025, 4, 1)}, "缴费期限已于2025-03-31届满"),
    ],
)
def test_payment_guards(kwargs: dict[str, object], message: str) -> None:
    values: dict[str, object] = {
        "on": date(2025, 3, 14),
        "amount": 700,
        "charged": 700,
        "notice_received_on": date(2025, 3, 3),
        "due": date(2025, 3, 31),
    }
    values.update(kwargs)
    with pytest.raises(GongkaiError, match=message):
        check_payment(**values)  # type: ignore[arg-type]


def test_payment_in_time_passes_and_lapse_only_after_the_window() -> None:
    check_payment(
        on=date(2025, 3, 31),
        amount=700,
        charged=700,
        notice_received_on=date(2025, 3, 3),
        due=date(2025, 3, 31),
    )
    with pytest.raises(GongkaiError, match="尚未届满"):
        check_lapse(date(2025, 3, 31), date(2025, 3, 31))
    with pytest.raises(GongkaiError, match="无从起算"):
        check_lapse(date(2025, 4, 1), None)
    check_lapse(date(2025, 4, 1), date(2025, 3, 31))
