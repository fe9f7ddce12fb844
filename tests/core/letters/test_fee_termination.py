"""The 终止办理告知书 after an unpaid fee: "逾期未缴纳的，视为放弃申请" (S5 二, VERIFIED for
Sichuan), counted in 表三（六）2 "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息
公开申请" (tables.json), citing the fee basis the 收费通知 cited (条例第四十二条, 国办函〔2020〕
109号 by default)."""

from __future__ import annotations

from datetime import date

import pytest
from test_letter_texts import APP, BUREAU

from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.rules import DEFAULT_BASIS
from gongkai.core.letters import LetterKind, fee_termination_notice
from gongkai.core.report.labels import T3_ROW_LABELS

SENT, RECEIVED, DUE, CLOSED = (
    date(2025, 10, 9),
    date(2025, 10, 10),
    date(2025, 11, 7),
    date(2025, 11, 10),
)


def letter(basis: tuple[str, ...] = DEFAULT_BASIS, **dates: date):  # type: ignore[no-untyped-def]
    days = {"sent": SENT, "received": RECEIVED, "due": DUE, "on": CLOSED, **dates}
    return fee_termination_notice(
        BUREAU,
        APP,
        on=days["on"],
        fee_notice_number="收费〔2025〕0007号",
        fee_notice_sent_on=days["sent"],
        fee_notice_received_on=days["received"],
        payment_due=days["due"],
        basis=basis,
    )


def test_the_letter_says_why_the_case_closes_and_on_what_basis() -> None:
    text = letter().text
    assert letter().kind is LetterKind.TERMINATION_NOTICE
    assert "收费〔2025〕0007号" in text
    assert "2025年10月10日收到" in text and "2025年11月7日前缴纳" in text
    assert "《中华人民共和国政府信息公开条例》第四十二条" in text
    assert "国办函〔2020〕109号" in text
    assert "视为放弃申请" in text
    # The words of its 表三 row: the letter says what the statistics will count.
    row = T3_ROW_LABELS[DEFAULT_OUTCOME_ROWS[Outcome.ABANDONED_FEE_UNPAID]]
    assert row.startswith("2.申请人逾期未按收费通知要求缴纳费用")
    assert "逾期未按收费通知要求缴纳费用" in text and "不再处理该政府信息公开申请" in text
    # A closing act with a remedy (复议 or a lawsuit; not a 不予公开, so no 复议前置).
    assert "申请行政复议" in text and "提起行政诉讼" in text and "应当先" not in text


def test_a_province_measure_is_cited_too() -> None:
    text = letter((*DEFAULT_BASIS, "《四川省…关于政府信息公开信息处理费有关事项的通知》")).text
    assert "国办函〔2020〕109号）、《四川省" in text


def test_dates_out_of_order_or_no_basis_are_refused() -> None:
    with pytest.raises(GongkaiError, match="先后不符"):
        letter(on=DUE)  # the window has not run out
    with pytest.raises(GongkaiError, match="先后不符"):
        letter(received=date(2025, 10, 8))  # received before it was sent
    with pytest.raises(GongkaiError, match="收费依据"):
        letter(basis=(" ",))
