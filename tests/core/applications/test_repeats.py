"""重复申请 detection from 条例 §36(六) (domain.md §3.8 REPEAT, 表三 （五）2): "行政机关已就申请人
提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的" — same applicant, same
information, an earlier request already answered. Each condition is necessary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.repeats import (
    NOT_AN_ANSWER,
    RequestFacts,
    earlier_answers,
    normalised,
)

OLD = RequestFacts(
    "2025-0001",
    "周某",
    "身份证 130101199001011234",
    "2025年度行政处罚案件数量",
    Outcome.GRANTED,
    date(2025, 3, 20),
)
NEW = RequestFacts(
    "2025-0040",
    "周某",
    "身份证130101199001011234",
    "2025 年度行政处罚案件数量。",
    arrived_on=date(2025, 6, 2),
)


def test_same_applicant_same_information_answered_is_a_repeat() -> None:
    assert earlier_answers(NEW, [OLD]) == [OLD]


def test_each_condition_of_the_article_is_needed() -> None:
    other_person = replace(NEW, applicant_name="李某", id_document="身份证 130101199202021111")
    other_information = replace(NEW, description="2025年度行政许可案件数量")
    not_answered = replace(OLD, outcome=None, answered_on=None)
    answered_later = replace(OLD, answered_on=date(2025, 6, 3))
    assert earlier_answers(other_person, [OLD]) == []
    assert earlier_answers(other_information, [OLD]) == []
    assert earlier_answers(NEW, [not_answered]) == []
    assert earlier_answers(NEW, [answered_later]) == []


def test_endings_without_an_answer_do_not_count() -> None:
    for outcome in NOT_AN_ANSWER:
        assert earlier_answers(NEW, [replace(OLD, outcome=outcome)]) == []


def test_identity_documents_decide_over_names() -> None:
    renamed = replace(NEW, applicant_name="周某某")  # same document, name written differently
    namesake = replace(NEW, id_document="身份证 130101199202021111")
    assert earlier_answers(renamed, [OLD]) == [OLD]
    assert earlier_answers(namesake, [OLD]) == []
    assert earlier_answers(replace(NEW, id_document=""), [OLD]) == [OLD]


def test_the_first_answer_is_proposed_first_and_a_case_never_repeats_itself() -> None:
    first = replace(OLD, number="2025-0002", answered_on=date(2025, 2, 1))
    assert earlier_answers(NEW, [OLD, first]) == [first, OLD]
    assert earlier_answers(replace(OLD, arrived_on=None), [OLD]) == []


@given(st.text(min_size=1, max_size=40))
def test_spacing_width_and_punctuation_never_hide_a_repeat(words: str) -> None:
    spaced = "　".join(words) + "。"
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in words)
    assert normalised(spaced) == normalised(words) == normalised(wide)
    old = replace(OLD, description=words)
    found = earlier_answers(replace(NEW, description=spaced), [old])
    assert found == ([old] if normalised(words) else [])
