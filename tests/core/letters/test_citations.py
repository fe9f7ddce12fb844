"""Every reply cites the article, and the 款 or 项 where the article has them, that
domain.md §3.8 gives as the outcome's legal basis (§36(三), §37: reasons and basis for any
refusal; domain.md §3.9: "citing the 条例 article and item").

The expected citations below are written from domain.md §3.8's "legal basis" column, not
from the code's table, so a wrong or dropped citation fails here.
"""

from __future__ import annotations

import pytest
from test_letter_texts import APP, BUREAU, REPLY_DAY, decision_for

from gongkai.core.applications.outcomes import DECIDABLE, Outcome
from gongkai.core.errors import GongkaiError
from gongkai.core.letters import (
    NOT_GOVERNMENT_INFORMATION,
    WITHHELD_GROUNDS,
    Decision,
    reply,
)

LAW = "《中华人民共和国政府信息公开条例》"
_O = Outcome
# domain.md §3.8, column "legal basis (S1, VERIFIED text)"; 确认或重新出具 has no article
# there (UNVERIFIED basis): §2 + §38 is this project's DERIVED citation (docs/letters.md).
DOMAIN_BASIS: dict[Outcome, tuple[str, ...]] = {
    _O.ALREADY_PUBLIC: ("第三十六条第一项",),
    _O.GRANTED: ("第三十六条第二项",),
    _O.PARTIAL: ("第三十七条",),
    _O.DENIED_STATE_SECRET: ("第十四条", "第三十六条第三项"),
    _O.DENIED_LAW_PROHIBITED: ("第十四条", "第三十六条第三项"),
    _O.DENIED_SECURITY_STABILITY: ("第十四条", "第三十六条第三项"),
    _O.DENIED_THIRD_PARTY: ("第十五条", "第三十二条", "第三十六条第三项"),
    _O.DENIED_INTERNAL: ("第十六条第一款", "第三十六条第三项"),
    _O.DENIED_PROCESS: ("第十六条第二款", "第三十六条第三项"),
    _O.DENIED_ENFORCEMENT_FILE: ("第十六条第二款", "第三十六条第三项"),
    _O.SPECIAL_QUERY_PROCEDURE: ("第三十六条第七项",),
    _O.NOT_EXIST: ("第三十六条第四项",),
    _O.NOT_THIS_AGENCY: ("第三十六条第五项",),
    _O.NEEDS_CREATION: ("第三十八条",),
    _O.STILL_UNCLEAR: ("第三十条",),
    _O.PETITION_COMPLAINT: ("第三十九条第一款",),
    _O.REPEAT: ("第三十六条第六项",),
    _O.PUBLICATION: ("第三十九条第二款",),
    _O.MASS_REPEAT_UNREASONABLE: ("第三十五条",),
    _O.CONFIRM_OR_REISSUE: ("第二条", "第三十八条"),
}


@pytest.mark.parametrize("outcome", [o for o in DECIDABLE if o is not Outcome.OTHER])
def test_every_reply_cites_its_article_and_item(outcome: Outcome) -> None:
    text = reply(BUREAU, APP, decision_for(outcome), REPLY_DAY).text
    assert LAW in text
    for citation in DOMAIN_BASIS[outcome]:
        assert citation in text, (outcome, citation)


def test_other_handling_has_no_article_to_cite() -> None:
    # （六）3 其他 is local practice (withdrawal and the like, UNVERIFIED): the officer's
    # details say what was done; a made-up article would be worse than none.
    assert set(DOMAIN_BASIS) == set(DECIDABLE) - {Outcome.OTHER}


# The withheld part of a 部分公开 reply: the exemption it falls under, with its article.
WITHHELD_ARTICLES = {
    _O.DENIED_STATE_SECRET.value: "第十四条",
    _O.DENIED_LAW_PROHIBITED.value: "第十四条",
    _O.DENIED_SECURITY_STABILITY.value: "第十四条",
    _O.DENIED_THIRD_PARTY.value: "第十五条",
    _O.DENIED_INTERNAL.value: "第十六条第一款",
    _O.DENIED_PROCESS.value: "第十六条第二款",
    _O.DENIED_ENFORCEMENT_FILE.value: "第十六条第二款",
    NOT_GOVERNMENT_INFORMATION: "第二条",
}


@pytest.mark.parametrize("ground", sorted(WITHHELD_ARTICLES))
def test_a_partial_reply_cites_the_exemption_of_the_withheld_part(ground: str) -> None:
    decision = Decision(Outcome.PARTIAL, reasons="部分内容涉及他人信息", withheld_ground=ground)
    text = reply(BUREAU, APP, decision, REPLY_DAY).text
    assert "第三十七条" in text
    assert f"{LAW}{WITHHELD_ARTICLES[ground]}" in text
    if ground != NOT_GOVERNMENT_INFORMATION:
        assert "第三十六条第三项" in text  # the withheld part is a 不予公开 decision


def test_every_exemption_of_table_three_is_a_withheld_ground() -> None:
    # 表三（三）1–7 are §14–§16; （三）8 行政查询事项 is §36(七), not an exemption.
    exemptions = {o.value for o in Outcome if o.value.startswith("DENIED_")}
    assert exemptions | {NOT_GOVERNMENT_INFORMATION} == set(WITHHELD_GROUNDS)


def test_a_partial_reply_without_the_ground_of_the_withheld_part_is_refused() -> None:
    with pytest.raises(GongkaiError, match="理由类别"):
        reply(BUREAU, APP, Decision(Outcome.PARTIAL, reasons="理由"), REPLY_DAY)
    with pytest.raises(GongkaiError, match="理由类别"):
        reply(BUREAU, APP, Decision(_O.PARTIAL, reasons="理由", withheld_ground="X"), REPLY_DAY)


def test_only_a_partial_reply_takes_a_withheld_ground() -> None:
    decision = Decision(Outcome.GRANTED, withheld_ground=Outcome.DENIED_STATE_SECRET.value)
    with pytest.raises(GongkaiError, match="只有部分公开"):
        reply(BUREAU, APP, decision, REPLY_DAY)
