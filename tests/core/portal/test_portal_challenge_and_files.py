from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.portal.attachments import (
    AttachmentLimits,
    count_problem,
    file_problem,
    size_label,
    sniff_attachment,
)
from gongkai.core.portal.challenge import chinese_number, make_question, parse_answer
from gongkai.core.portal.rates import parse_rate


@given(st.integers(min_value=0, max_value=99))
def test_chinese_numbers_read_back(n: int) -> None:
    assert parse_answer(chinese_number(n)) == n
    assert parse_answer(str(n)) == n


def test_chinese_numerals() -> None:
    assert [chinese_number(n) for n in (0, 7, 10, 12, 20, 35)] == [
        "零", "七", "十", "十二", "二十", "三十五",
    ]  # fmt: skip
    assert parse_answer("１２") == 12
    assert parse_answer(" 8 ") == 8
    assert parse_answer("十零") is None
    assert parse_answer("八加") is None
    assert parse_answer("") is None


@given(st.integers(0, 9), st.integers(0, 9), st.booleans())
def test_questions_have_non_negative_answers(a: int, b: int, subtract: bool) -> None:
    question = make_question(a, b, subtract)
    assert question.answer >= 0
    assert question.text.endswith("等于几？")
    assert question.answer == (abs(a - b) if subtract else a + b)


def test_sniffing_by_content() -> None:
    assert sniff_attachment(b"%PDF-1.7\n...") == "pdf"
    assert sniff_attachment(b"\n\n%PDF-1.4") == "pdf"
    assert sniff_attachment(b"\xff\xd8\xff\xe0JFIF") == "jpeg"
    assert sniff_attachment(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff_attachment(b"MZ\x90\x00") is None
    assert sniff_attachment(b"<html>") is None
    assert sniff_attachment(b"PK\x03\x04") is None


def test_file_problems_name_the_file() -> None:
    limits = AttachmentLimits(max_files=2, max_bytes=1024)
    assert file_problem("a.pdf", 10, b"%PDF-1.4", limits) is None
    assert file_problem("a.pdf", 0, b"", limits) == "文件“a.pdf”是空的"
    assert file_problem("a.pdf", 2048, b"%PDF-1.4", limits) == (
        "文件“a.pdf”超过1KB，请压缩或分拆后再上传"
    )
    problem = file_problem("virus.pdf", 10, b"MZ", limits)
    assert problem is not None and "不是PDF、JPEG或PNG文件" in problem
    assert count_problem(2, limits) is None
    assert count_problem(3, limits) == "附件最多2个，您选择了3个"
    assert AttachmentLimits().size_label == "10MB"
    assert size_label(1536 * 1024) == "1.5MB"


def test_rates() -> None:
    rate = parse_rate("5/hour")
    assert (rate.count, rate.seconds) == (5, 3600)
    assert rate.describe() == "每小时5次"
    assert rate.window_start(7300) == 7200
    assert rate.retry_after(7300) == 3500
    assert parse_rate(" 30 / min ").seconds == 60
    for bad in ("5", "five/hour", "5/week", "0/hour"):
        with pytest.raises(ValueError):
            parse_rate(bad)
