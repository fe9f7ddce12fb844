"""Issue 14: a reply that releases information lists the files it comes with as 附件 by
name (GB/T 9704's 附件说明), and says "见附件" only when there is one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_letter_texts import APP, BUREAU, REPLY_DAY, decision_for

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.letters import LetterText
from gongkai.core.letters.html import letter_html
from gongkai.core.letters.replies import reply


def test_one_file_is_named_after_the_body() -> None:
    letter = reply(
        BUREAU, APP, decision_for(Outcome.GRANTED), REPLY_DAY, attachments=["统计表.pdf"]
    )
    assert "（见附件）" in letter.text
    assert letter.attachment_lines == ("附件：统计表.pdf",)
    lines = letter.text.split("\n")
    assert lines.index("附件：统计表.pdf") == lines.index(letter.paragraphs[-1]) + 1
    assert lines.index("附件：统计表.pdf") < lines.index(letter.signer)


def test_several_files_are_numbered_in_order() -> None:
    names = ["2025年执法统计表.xlsx", "处罚决定书（已删除个人信息）.pdf", "说明.docx"]
    letter = reply(BUREAU, APP, decision_for(Outcome.PARTIAL), REPLY_DAY, attachments=names)
    assert letter.attachment_lines == (
        "附件：1．2025年执法统计表.xlsx",
        "2．处罚决定书（已删除个人信息）.pdf",
        "3．说明.docx",
    )
    assert "可以公开的部分见附件。" in letter.text
    page = letter_html(letter)
    assert page.index("附件：1．") < page.index("2．处罚决定书") < page.index(letter.signer)


@pytest.mark.parametrize("outcome", [Outcome.GRANTED, Outcome.PARTIAL])
def test_without_a_file_there_is_no_see_attachment(outcome: Outcome) -> None:
    letter = reply(BUREAU, APP, decision_for(outcome), REPLY_DAY)
    assert "附件" not in letter.text and letter.attachments == ()


@given(st.lists(st.text(min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=8))
def test_the_list_survives_storage_and_printing(names: list[str]) -> None:
    letter = reply(BUREAU, APP, decision_for(Outcome.GRANTED), REPLY_DAY, attachments=names)
    assert LetterText.from_data(letter.to_data()) == letter
    assert len(letter.attachment_lines) == len(letter.attachments) == len(names)
    printable = letter.printable()
    assert len(printable.attachments) == len(names)


def test_letters_stored_before_attachments_existed_still_load() -> None:
    letter = reply(BUREAU, APP, decision_for(Outcome.NOT_EXIST), REPLY_DAY)
    data = letter.to_data()
    assert "attachments" not in data  # the stored text of a letter without files is unchanged
    assert LetterText.from_data(data).attachments == ()
