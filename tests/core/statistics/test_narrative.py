from __future__ import annotations

from datetime import date
from decimal import Decimal

from case_builders import case

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.statistics.narrative import application_figures, percent


def test_percent_rounds_half_up_to_two_places() -> None:
    assert percent(6, 19) == Decimal("31.58")
    assert percent(1, 8) == Decimal("12.50")
    assert percent(0, 0) is None


def test_figures_count_new_by_channel_timeliness_and_outcome_shares() -> None:
    records = [
        case(date(2025, 1, 6), date(2025, 1, 20), due=date(2025, 2, 10), channel=Channel.ONLINE),
        case(date(2025, 2, 6), date(2025, 4, 1), due=date(2025, 3, 6), channel=Channel.ONLINE),
        case(
            date(2025, 3, 6),
            date(2025, 3, 30),
            Outcome.NOT_EXIST,
            due=date(2025, 4, 3),
            channel=Channel.IN_PERSON,
        ),
        case(date(2025, 5, 6), date(2025, 6, 30), Outcome.ABANDONED_NO_SUPPLEMENT),
        case(date(2024, 12, 20), channel=Channel.FAX),  # carried over, still open
    ]
    figures = application_figures(records, 2025)
    assert figures.new_by_channel[Channel.ONLINE] == 3
    assert figures.new_by_channel[Channel.IN_PERSON] == 1
    assert figures.new_by_channel[Channel.FAX] == 0
    assert figures.concluded == 4
    assert (figures.timed, figures.on_time) == (3, 2)
    assert figures.on_time_rate == Decimal("66.67")
    assert figures.outcome_share("granted") == Decimal("50.00")
    text = "".join(figures.sentences())
    assert "共收到政府信息公开申请4件" in text
    assert "按期答复率66.67%" in text
