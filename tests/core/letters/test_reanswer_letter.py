"""The 重新答复书: the new answer a 复议决定 (行政复议法 2023 §64 "责令被申请人在一定期限内重新作出
行政行为", §66) or a judgment (行政诉讼法 §70, §72; 法释〔2011〕17号 §9–§10) ordered. It is an
answer under §36–§39 like the first, so the same decision sentence, reasons and remedy
paragraph, under its own title and number, opening with the order it carries out."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.outcomes import DECIDABLE, REASONS_REQUIRED, Outcome
from gongkai.core.errors import GongkaiError
from gongkai.core.letters.model import AgencyFacts, ApplicationFacts, LetterKind, LetterText
from gongkai.core.letters.reanswer import reanswer
from gongkai.core.letters.replies import DETAILS_REQUIRED, Decision, reply

BUREAU = AgencyFacts(name="清河县公安局", review_body="清河县人民政府", abbreviation="清公")
APP = ApplicationFacts(
    number="2025-0007",
    applicant_name="周某",
    is_person=True,
    description="2025年度行政处罚案件数量统计",
    first_received=date(2025, 9, 30),
    received=date(2025, 9, 30),
)
ORDER = "清河县人民政府行政复议决定书（清政复决字〔2025〕12号）"


def decision(outcome: Outcome) -> Decision:
    return Decision(
        outcome,
        reasons="理由甲" if outcome in REASONS_REQUIRED else "",
        details="见本局门户网站" if outcome in DETAILS_REQUIRED else "",
        withheld_ground="DENIED_PROCESS" if outcome is Outcome.PARTIAL else "",
    )


@pytest.mark.parametrize("outcome", DECIDABLE)
def test_the_new_answer_says_the_same_as_a_first_answer_after_naming_the_order(
    outcome: Outcome,
) -> None:
    day = date(2025, 12, 10)
    new = reanswer(
        BUREAU, APP, decision(outcome), day, order=ORDER, order_received=date(2025, 12, 1)
    )
    first = reply(BUREAU, APP, decision(outcome), day)
    assert new.kind is LetterKind.REANSWER
    assert new.title == "政府信息公开申请重新答复书"
    assert new.number == "清公重答〔2025〕0007号"
    assert "2025年12月1日收到" + ORDER in new.paragraphs[0]
    assert "责令本机关对该申请重新答复" in new.paragraphs[0]
    # The decision, its reasons and the remedy paragraph are the reply's own (dated alike).
    assert new.paragraphs[1:] == first.paragraphs[1:]
    assert LetterText.from_data(new.to_data()) == new


def test_the_remedy_paragraph_follows_the_new_answer_s_date() -> None:
    # 复议前置 (行政复议法 2023 §23) applies to a 不予公开 answer dated from 2024-01-01.
    new = reanswer(
        BUREAU,
        APP,
        decision(Outcome.DENIED_PROCESS),
        date(2025, 12, 10),
        order=ORDER,
        order_received=date(2025, 12, 1),
    )
    assert "先" in new.paragraphs[-1] and "行政复议" in new.paragraphs[-1]


def test_an_answer_without_its_order_or_dated_before_it_is_refused() -> None:
    with pytest.raises(GongkaiError, match="决定书或判决书"):
        reanswer(
            BUREAU,
            APP,
            decision(Outcome.GRANTED),
            date(2025, 12, 10),
            order=" ",
            order_received=date(2025, 12, 1),
        )
    with pytest.raises(GongkaiError, match="不能早于"):
        reanswer(
            BUREAU,
            APP,
            decision(Outcome.GRANTED),
            date(2025, 11, 30),
            order=ORDER,
            order_received=date(2025, 12, 1),
        )
