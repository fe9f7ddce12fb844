"""Rebuilding the text of a PDF printed from plain text, on hand-placed glyphs (the
LibreOffice conversions themselves are in ``test_text_converted_office``)."""

from __future__ import annotations

from gongkai.core.parsing.pdf_page import Char, PageContent
from gongkai.core.parsing.pdf_text_layout import typed_text

LEFT = 56.8  # LibreOffice's 2 cm margin
STOP = 1.25 / 2.54 * 72  # its default tab interval
PITCH = 14.5


def _glyphs(x: float, top: float, text: str) -> list[Char]:
    """Glyphs of a monospaced Latin font (6 pt wide) and a CJK font (10 pt), side by side."""
    out = []
    for ch in text:
        width = 6.0 if ch.isascii() else 10.0
        out.append(Char(ch, x, top, x + width, top + 9.0))
        x += width
    return out


def _at(stop: int) -> float:
    return LEFT + stop * STOP


def _page(*rows: list[tuple[float, str]]) -> list[tuple[int, PageContent]]:
    chars = [
        glyph
        for n, row in enumerate(rows)
        for x, text in row
        for glyph in _glyphs(x, 60.0 + n * PITCH, text)
    ]
    return [(1, PageContent(595.3, 841.9, chars, [], 0, 0))]


def test_gaps_to_tab_stops_are_tabs_and_empty_cells_are_kept() -> None:
    pages = _page(
        [(LEFT, "行政复议"), (_at(6), "行政诉讼")],
        [(LEFT, "行政许可"), (_at(2), "11497")],
        [(_at(1), "信息内容")],
    )
    assert typed_text(pages) == [
        (1, "行政复议\t\t\t\t\t行政诉讼"),  # five empty cells
        (1, "行政许可\t11497"),
        (1, "\t信息内容"),
    ]


def test_a_row_whose_tab_ran_past_the_margin_goes_on_on_the_next_line() -> None:
    figures = [(_at(k), "0") for k in range(5, 14)]  # the last at 517.7, next stop off the page
    pages = _page(
        [(LEFT, "二、上年结转申请数量"), *figures],
        [(_at(1), "0"), (_at(2), "0")],
        [(_at(1), "(三)不予公开"), (_at(5), "0")],
    )
    rows = [text for _, text in typed_text(pages) or []]
    assert rows[0] == "二、上年结转申请数量" + "\t" * 3 + "\t".join("0" * 9) + "\t0\t0"
    assert rows[1] == "\t(三)不予公开\t\t\t0"  # a numbered label starts a row of its own


def test_text_run_to_the_margin_goes_on_but_a_heading_does_not() -> None:
    full = "本" * 48  # 56.8 + 480 = 536.8: no room for two more characters
    pages = _page(
        [(LEFT, full)],
        [(LEFT, "续写的文字。")],
        [(LEFT, full)],
        [(LEFT, "三、收到和处理政府信息公开申请情况")],
        [(LEFT, "行政许可"), (_at(2), "1")],
        [(LEFT, "行政处罚"), (_at(2), "2")],
    )
    texts = [text for _, text in typed_text(pages) or []]
    assert texts[:3] == [full + "续写的文字。", full, "三、收到和处理政府信息公开申请情况"]


def test_the_space_between_cjk_and_digits_is_not_a_tab() -> None:
    # "…自2023年" with 2 pt of autospacing either side of the figures: "年" lands on stop 7
    prefix = "本" * 21 + "自"
    year = LEFT + 22 * 10.0 + 2.0
    assert abs(year + 24.0 + 2.0 - _at(7)) < 0.1
    pages = _page([(LEFT, "行政许可"), (_at(2), "1")], [(LEFT, "行政处罚"), (_at(2), "2")])
    top = 60.0 + 3 * PITCH
    pages[0][1].chars.extend(
        [*_glyphs(LEFT, top, prefix), *_glyphs(year, top, "2023"), *_glyphs(_at(7), top, "年")]
    )
    texts = [text for _, text in typed_text(pages) or []]
    assert texts[-1] == prefix + "2023年"


def test_a_designed_page_is_not_taken_for_typed_text() -> None:
    title = [(200.0, "某某市政府信息公开工作年度报告")]  # centred, no tabs anywhere
    body = [[(LEFT + 21.0, "本报告根据条例编制。")] for _ in range(12)]  # indented paragraphs
    assert typed_text(_page(title, *body)) is None
