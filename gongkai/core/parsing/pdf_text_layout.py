"""A PDF printed from a plain-text report → the text's lines, tabs and all.

A report's text opened in a word processor and exported to PDF (``text_layout``) has no
ruled table: its rows are printed lines whose cells sit on the default tab stops (every
1.25 cm from the left margin in LibreOffice, ½ inch in Word), and a row too long for the
page wraps. The text is rebuilt from the characters' positions, so that ``text_reader``
splits it into the same rows as the ``.txt``:

* a gap that ends on a tab stop is as many tabs as stops it passes (``行政复议`` and five
  empty cells before ``行政诉讼``), a printed space is a space, any other gap over 3 pt a
  space (pdfplumber's word break);
* a line that starts on a stop right of the margin starts with that many tabs;
* a printed line continues the one above when that one could not go on: a tab that did
  not fit moved to the next line (which starts on a stop, with the row's next figures),
  or the text ran to the right margin (CJK wraps between any two characters).

Such a PDF is recognised by its tab gaps or pipes or, for text typed without separators,
by its printing: nothing drawn, every line at the left margin or on a stop.

Lines are grouped by the characters' vertical centres, not their tops: Latin glyphs of the
monospaced text font and CJK glyphs of the fallback font have tops 4–5 pt apart on one
line, and a comma or "1." would otherwise become a line of its own.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

from gongkai.core.parsing.pdf_page import Char, PageContent

# Default tab intervals of the word processors that export such PDFs: LibreOffice 1.25 cm,
# Word ½ inch, 1 cm.
_TAB_INTERVALS = (1.25 / 2.54 * 72, 36.0, 72 / 2.54)
_ON_STOP = 0.3  # pt: a glyph's left side this close to a stop stands on it (tabs are exact)
_PASSED = 0.25  # pt: text ending this little past a stop has not passed it
_MIN_TAB_GAP = 0.5  # pt: glyphs closer than this touch; a tab has moved the pen further
_WORD_GAP = 3.0  # pt: pdfplumber's x tolerance for a word break
_SAME_LINE = 5.0  # pt: centres of one printed line's glyphs (mixed fonts) lie this close
_MIN_TAB_LINES = 2  # printed lines with tab gaps before a PDF is taken for typed text
_MIN_BARE_LINES = 10  # printed lines before a PDF without separators is taken for typed text
# The start of a numbered heading or row label: never the rest of a wrapped line.
_NUMBERED = re.compile(
    r"^\s*(?:#|[-*+]\s|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_AUTOSPACE = 0.25  # em: word processors space CJK from Latin letters and digits by up to this
_FULL_STOPS_LEFT = 2  # a row wraps its tabs only when this few stops were left after its text


@dataclass
class _Printed:
    page: int
    chars: list[Char]  # left to right
    centre: float
    tabbed: bool = False  # its text holds a tab

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(ch.x1 for ch in self.chars if ch.text != " ")

    def first_unit(self) -> float:
        """The width of what cannot be split from the line's start: a Latin word with the
        brackets around it, else two characters (CJK line breaking moves an opening bracket
        or the character before a closing one along with its neighbour)."""
        chars = self.chars
        end = 1
        while (
            end < len(chars)
            and chars[end].text != " "
            and not _IDEOGRAPH.match(chars[end].text)
            and chars[end].x0 - chars[end - 1].x1 <= _MIN_TAB_GAP
        ):
            end += 1
        end = max(end, min(2, len(chars)))
        return chars[end - 1].x1 - chars[0].x0


@dataclass
class _Stops:
    left: float
    right: float
    interval: float

    def on_stop(self, x: float) -> bool:
        k = round((x - self.left) / self.interval)
        return k >= 1 and abs(self.left + k * self.interval - x) <= _ON_STOP

    def landing(self, x: float) -> int:
        """The stop a glyph at ``x`` stands on (the margin is stop 0)."""
        return round((x - self.left) / self.interval)

    def passed(self, x: float) -> int:
        """The stops text ending at ``x`` has passed; a tab after it goes to the next."""
        return int((x - self.left - _PASSED) // self.interval)

    def left_after(self, x: float) -> int:
        """The stops still on the line after text ending at ``x``."""
        return int((self.right - self.left) // self.interval) - self.passed(x)


def typed_text(pages: list[tuple[int, PageContent]]) -> list[tuple[int, str]] | None:
    """The text lines (with their pages) of a PDF printed from plain text, or None when
    the pages do not look typed in text layout (no tab stops, no pipes)."""
    printed = [line for number, page in pages for line in _printed_lines(number, page)]
    if not printed:
        return None
    left = min(line.x0 for line in printed)
    width = max(page.width for _, page in pages)
    stops = _tab_stops(printed, left, width - left)
    tabs = stops is not None
    stops = stops or _Stops(left, width - left, _TAB_INTERVALS[0])  # for the margins only
    texts = [_line_text(line, stops, tabs) for line in printed]
    for line, text in zip(printed, texts, strict=True):
        line.tabbed = "\t" in text
    tabbed = sum("\t" in text for text in texts)
    piped = sum("|" in text for text in texts)
    if tabbed < _MIN_TAB_LINES and piped < _MIN_TAB_LINES and not _bare_text(pages, printed, stops):
        return None
    return _join_wrapped(printed, texts, stops)


def _bare_text(
    pages: list[tuple[int, PageContent]], printed: list[_Printed], stops: _Stops
) -> bool:
    """Text typed without separators (one cell a line, or labels run into their figures)
    and printed as it was: nothing drawn, and every line starting at the margin or on a tab
    stop (a designed page has centred titles, indents, page numbers, rules)."""
    if len(printed) < _MIN_BARE_LINES or any(page.edges or page.images for _, page in pages):
        return False
    return all(abs(line.x0 - stops.left) <= _ON_STOP or stops.on_stop(line.x0) for line in printed)


def _printed_lines(number: int, page: PageContent) -> list[_Printed]:
    lines: list[list[Char]] = []
    start = -1e9
    for ch in sorted(page.chars, key=_centre):
        if _centre(ch) - start > _SAME_LINE:
            lines.append([])
            start = _centre(ch)
        lines[-1].append(ch)
    out = []
    for members in lines:
        members.sort(key=lambda ch: ch.x0)
        if any(ch.text != " " for ch in members):
            out.append(_Printed(number, members, median(map(_centre, members))))
    return out


def _centre(ch: Char) -> float:
    return (ch.top + ch.bottom) / 2


def _tab_stops(printed: list[_Printed], left: float, right: float) -> _Stops | None:
    """The default tab interval the landings (text after a wide gap) fall on, if any."""
    landings = [line.x0 for line in printed if line.x0 > left + _WORD_GAP]
    for line in printed:
        for prev, ch in itertools.pairwise(line.chars):
            if ch.text != " " and prev.text != " " and _may_be_tab(prev, ch):
                landings.append(ch.x0)
    best: _Stops | None = None
    best_fit = 0
    for interval in _TAB_INTERVALS:
        stops = _Stops(left, right, interval)
        fit = sum(stops.on_stop(x) for x in landings)
        if fit > best_fit and fit >= 0.75 * len(landings):
            best, best_fit = stops, fit
    return best


def _may_be_tab(prev: Char, ch: Char) -> bool:
    """Whether the gap between two glyphs is wide enough to be a tab: wider than touching,
    and not the narrow space set between CJK and Latin text ("2023 年" typed "2023年")."""
    gap = ch.x0 - prev.x1
    if gap <= _MIN_TAB_GAP:
        return False
    cjk = prev if _IDEOGRAPH.match(prev.text) else ch if _IDEOGRAPH.match(ch.text) else None
    other = ch if cjk is prev else prev
    if cjk is not None and other.text.isascii() and other.text.isalnum():
        return gap > _AUTOSPACE * (cjk.x1 - cjk.x0)
    return True


def _line_text(line: _Printed, stops: _Stops, tabs: bool) -> str:
    first = line.chars[0]
    parts = ["\t" * stops.landing(first.x0) if tabs and stops.on_stop(first.x0) else ""]
    prev: Char | None = None
    for ch in line.chars:
        if prev is not None and ch.text != " " and prev.text != " ":  # a space is a space
            gap = ch.x0 - prev.x1
            if tabs and _may_be_tab(prev, ch) and stops.on_stop(ch.x0):
                parts.append("\t" * max(1, stops.landing(ch.x0) - stops.passed(prev.x1)))
            elif gap > _WORD_GAP:
                parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts)


def _join_wrapped(
    printed: list[_Printed], texts: list[str], stops: _Stops
) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pitch = _pitch(printed)
    for i, (line, text) in enumerate(zip(printed, texts, strict=True)):
        above = printed[i - 1] if i else None
        if above is not None and _continues(above, line, text, stops, pitch):
            # tabs that fitted after the text above are printed as nothing: put them back
            tabs = stops.left_after(above.x1) if text.startswith("\t") else 0
            out[-1] = (out[-1][0], out[-1][1] + "\t" * tabs + text)
        else:
            out.append((line.page, text))
    return out


def _pitch(printed: list[_Printed]) -> float:
    steps = [
        b.centre - a.centre
        for a, b in itertools.pairwise(printed)
        if a.page == b.page and b.centre > a.centre
    ]
    return median(steps) if steps else 0.0


def _continues(above: _Printed, line: _Printed, text: str, stops: _Stops, pitch: float) -> bool:
    """Whether ``line`` is the rest of ``above``, wrapped at the right margin."""
    if line.page == above.page and line.centre - above.centre > 1.6 * pitch:
        return False  # an empty line between them: a new paragraph
    if _NUMBERED.match(text):
        return False
    if text.startswith("\t"):
        # a row whose text reached the last stops, and whose tabs ran on past the margin:
        # they moved to this line, from its margin onwards
        return stops.left_after(above.x1) <= _FULL_STOPS_LEFT
    if "\t" in text and above.tabbed and above.chars[-1].text != " ":
        # two rows (a header ending at the margin, the figures under it) unless the row
        # above broke at a space inside a cell ("总 计")
        return False
    # the text ran to the margin: what this line starts with did not fit after it
    return above.x1 + line.first_unit() > stops.right
