"""Crawler text: the article body run into one line, table cells joined with nothing.

A crawler that strips every tag leaves ``…三、本年度办理结果(一)予以公开12030011125(二)部分公开…``
(often the whole body on one line, after a header of ``标题:``/``URL:`` lines). The row
structure is gone, so no table is found. This module puts the line breaks back where the
known structure of the national format says a new line began: before and after each
section heading, before each 表二 block caption and row label, before each 表三 row label
(with its numbering, so that the ``2.`` glued to the previous row's digits goes with the
next label), before 表四's header and its figures. The digits themselves are left alone;
splitting a glued run into cells is the readers' job (``readings.read_row``), decided by
the tables' arithmetic.

Only long lines that hold table labels are cut, and 表二/表三/表四 labels only inside the
stretch where their table lies, so narrative prose keeps its sentences.
"""

from __future__ import annotations

import re

# A line shorter than this is a row or a paragraph already.
_MIN_GLUED = 160

_NUMERAL = r"(?:第)?[一二三四五六七八九十]{1,2}\s*(?:部分)?\s*[、.．]\s*"
_SECTION_TITLES = (
    r"总体情况",
    r"主动公开政府信息(?:的)?情况",
    r"收到和处理政府信息公开申请(?:的)?情况",
    r"(?:政府信息公开)?行政复议\s*[、,，和及]?\s*行政诉讼(?:的)?情况",
    r"(?:政府信息公开工作)?存在的?主要问题及(?:其)?改进情况",
    r"其[他它]需要报告的?事项",
    r"信息处理费收取情况",
)
_TITLES = "|".join(_SECTION_TITLES)
_HEADING = re.compile(rf"#*\s*{_NUMERAL}(?:{_TITLES})")
# The heading without its marks, from its numeral on, and a looser form of it that begins
# with a character class: the engine skips to the characters of that class, where the
# pattern above (optional marks first) is tried at every character of a long line.
_HEADING_CORE = re.compile(rf"{_NUMERAL}(?:{_TITLES})")
_HEADING_HINT = re.compile(
    rf"[第一二三四五六七八九十][一二三四五六七八九十]{{0,2}}\s*(?:部分)?\s*[、.．]\s*(?:{_TITLES})"
)
# Words without which no title above matches: a line holding none has no heading, and is
# not searched (the pattern, optional marks first, is tried at every character).
_TITLE_WORDS = (
    "总体情况",
    "主动公开政府信息",
    "收到和处理政府信息公开申请",
    "行政复议",
    "主要问题及",
    "需要报告",
    "信息处理费收取情况",
)

# 表二: block captions and row labels (both national formats).
_T2_CUTS = re.compile(
    r"第二十条第\s*\(?[一二三四五六七八九十]+\)?\s*项"
    r"|信息内容"
    r"|(?<!行政)(?<!制)规章(?!制度)"
    r"|(?:行政)?规范性文件(?=[\d\s])"
    r"|行政许可(?=[\d\s])|其他对外管理服务事项|行政处罚(?=[\d\s])|行政强制(?=[\d\s])"
    r"|行政事业性收费|政府集中采购"
)
_ITEM = r"(?:\d\s*[.．、]\s*)?"  # "2." of an item; one digit, so "00000002." keeps 0000000
_GROUP = r"(?:[一二三四]\s*、\s*|\(\s*[一二三四五六七]\s*\)\s*)?"
# 表三: each row label from its numbering on; the distinctive words are those of
# ``row_labels``, with the words a label may start with before them.
_T3_CUTS = re.compile(
    _GROUP + r"(?:本年新收|上年结转|本年度办理结果|结转下年度)"
    r"|" + _GROUP + r"(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)"
    r"|" + _ITEM + r"(?:属于国家秘密|其他法律行政法规禁止公开|法律行政法规禁止公开"
    r"|危及\W?三安全一稳定|保护第三方合法权益|属于三类内部事务|属于四类过程性"
    r"|属于行政执法案卷|属于行政查询事项|本机关不掌握|没有现成信息|补正后申请内容"
    r"|信访举报投诉|重复申请|要求提供公开出版物|无正当理由大量反复申请|要求行政机关确认"
    r"|申请人无正当理由逾期不补正|申请人逾期未按|其他(?=[\d\s]))"
    # whatever the words, a group's or an item's numbering starts a label, and the
    # figures of a row end where text starts again ("000000予公开": a label cut in two)
    r"|\(\s*[一二三四五六七]\s*\)|\d[.．、](?=[\u4e00-\u9fff])|(?<=\d)(?=[\u4e00-\u9fff])"
)
_T3_STARTS = ("本年新收", "申请人情况")  # found by str.find: far faster than a regex
_T3_END = re.compile(r"结转下年度继续办理[\d\s]*")
# 表四: its header starts a line, and so does the run of figures after its last heading word.
_T4_CUTS = re.compile(r"行政复议\s*行政诉讼|(?<=总计)(?=[\d\s]{5,})|(?<=审结)(?=[\d\s]{5,})")
# Markdown a converter left inside a glued body ("…分局---##2023年…", "###三、…").
# (Each alternative led by a literal: the engine then skips to those characters, where
# "#{2,}" made it try every character of a long line.)
_MARKUP = re.compile(r"##+|\*\*|---+")
_MARKUP_STARTS = ("##", "**", "---")  # a line holding none of these holds no markup
_KEYS = (
    r"标题|题目|title|Title|TITLE|URL|url|Url|网址|链接|来源|source|Source|发布时间|发布日期|"
    r"日期|时间|date|Date|发布机构|采集时间|抓取时间"
)
# A crawler's header field, in the three forms crawlers write: "标题: X", "【标题】X", "[标题] X".
_CRAWLER_KEY = re.compile(
    rf"^\s*(?:【\s*({_KEYS})\s*】|\[\s*({_KEYS})\s*\]|({_KEYS})\s*[:：])\s*(.*)$"
)
_BODY_MARK = re.compile(
    r"^\s*(?:[=\-#*]{2,}\s*(?:正文|内容|body|BODY)\s*[=\-#*]{2,}|【\s*(?:正文|内容)\s*】"
    r"|\[\s*(?:正文|内容|body|BODY)\s*\])\s*$"
)
# A bare rule ("----") ends a header only after header fields: elsewhere it is the text's.
_RULE = re.compile(r"^\s*[=\-]{3,}\s*$")
_TITLE_KEYS = frozenset({"标题", "题目", "title", "Title", "TITLE"})


def unglue(text: str) -> str:
    """The text with line breaks restored where a crawler ran rows and headings together."""
    lines = text.split("\n")
    unheaded = _crawler_header(lines)
    cut: dict[int, list[str]] = {}
    for i in [i for i, n in enumerate(map(len, unheaded)) if n >= _MIN_GLUED]:
        parts = _cut(unheaded[i])
        if len(parts) > 1 or parts[0] is not unheaded[i]:
            cut[i] = parts
    if not cut:  # most text: rows and paragraphs stand on lines of their own
        return text if unheaded is lines else "\n".join(unheaded)
    return "\n".join([part for i, line in enumerate(unheaded) for part in cut.get(i, (line,))])


def _crawler_header(lines: list[str]) -> list[str]:
    """``标题: X`` keeps X as the title line; the other header fields are dropped.

    They are not part of the report, and ``URL:`` or ``发布时间:`` lines before the title
    would otherwise be read as the title block (and ``【标题】`` taken into the agency's
    name). The header ends at a body mark (``==== 正文 ====``, ``【正文】``) or, after
    fields only, at a bare rule (``----``).
    """
    end = _header_end(lines[:12])
    if end is None:
        return lines
    # A dropped line is left empty, not taken out: findings give the file's own line numbers.
    out: list[str] = []
    for line in lines[:end]:
        m = _CRAWLER_KEY.match(line)
        if m is None:
            out.append(line)
            continue
        key = m.group(1) or m.group(2) or m.group(3)
        out.append(m.group(4).strip() if key in _TITLE_KEYS else "")
    return [*out, "", *lines[end + 1 :]]


def _header_end(head: list[str]) -> int | None:
    """The index of the line that ends a crawler's header, or None when there is none.

    A body mark ends one wherever it stands; a bare rule only when every line above it is a
    header field and one of them the title (a report's own "日期:" line over a rule stays).
    """
    only_fields, titled = True, False
    for i, line in enumerate(head):
        if _BODY_MARK.match(line):
            return i
        m = _CRAWLER_KEY.match(line)
        if m is not None:
            titled = titled or (m.group(1) or m.group(2) or m.group(3)) in _TITLE_KEYS
        elif _RULE.match(line):
            return i if only_fields and titled else None
        elif line.strip():
            only_fields = False
    return None


def headings_in(line: str) -> list[re.Match[str]]:
    """``list(_HEADING.finditer(line))``, found faster.

    Every match has a core (``_HEADING_CORE``) after its marks, and the hint matches
    wherever a core does; so the first core at or after a position is the first place from
    there where the hint matches and the core does too. The match is then the heading's
    pattern from the marks (hashes, then spaces) just before that core, not reaching back
    into the previous match, as ``finditer`` scans."""
    found: list[re.Match[str]] = []
    end = at = 0
    while (hint := _HEADING_HINT.search(line, at)) is not None:
        core = hint.start()
        if _HEADING_CORE.match(line, core) is None:
            at = core + 1
            continue
        start = core
        while start > end and line[start - 1].isspace():
            start -= 1
        while start > end and line[start - 1] == "#":
            start -= 1
        match = _HEADING.match(line, start)
        assert match is not None  # marks, then the core
        found.append(match)
        end = at = match.end()
    return found


def _cut(line: str) -> list[str]:
    if len(line) < _MIN_GLUED:
        return [line]
    original = line
    if any(mark in line for mark in _MARKUP_STARTS):
        line = _MARKUP.sub(lambda m: " " if m.group().startswith("-") else "", line)
    has_title = any(word in line for word in _TITLE_WORDS)
    headings = headings_in(line) if has_title else []
    # A heading's cut after the spaces before it: they end the piece before (spaces after
    # figures may be empty cells), not the heading.
    cuts = {i for m in headings for i in (_after_spaces(line, m.start()), m.end())}
    t3 = min((i for i in map(line.find, _T3_STARTS) if i >= 0), default=None)
    t3_start = t3 if t3 is not None else len(line)
    t3_end_match = _T3_END.search(line, t3_start)
    t3_end = t3_end_match.end() if t3_end_match else len(line)
    t2_start = line.find("第二十条")
    if 0 <= t2_start < t3_start:
        cuts.update(m.start() for m in _T2_CUTS.finditer(line, t2_start, t3_start))
    if t3 is not None:
        cuts.update(m.start() for m in _T3_CUTS.finditer(line, t3_start, t3_end))
        cuts.add(t3_end)
        t4_end = next(
            (m.start() for m in headings if m.start() > t3_end and "复议" not in m.group()),
            len(line),
        )
        cuts.update(m.start() for m in _T4_CUTS.finditer(line, t3_end, t4_end))
    cuts.discard(0)
    if not cuts:
        return [original]  # a long paragraph of prose: left exactly as printed
    parts = []
    last = 0
    for cut in sorted(cuts):
        parts.append(line[last:cut])
        last = cut
    parts.append(line[last:])
    joiner = _joiner(line)
    return [_trimmed(p, joiner) for p in parts if not p.isspace() and p]


def _after_spaces(line: str, at: int) -> int:
    while at < len(line) and line[at].isspace():
        at += 1
    return at


def _joiner(line: str) -> int:
    """The spaces a crawler put where the page had a line break: one when most sentences
    end in "。 ", else none."""
    return 1 if line.count("。 ") * 2 > line.count("。") else 0


def _trimmed(part: str, joiner: int) -> str:
    # Spaces next to figures may be empty cells ("总计  0000…": the crawler's line break,
    # then 复议's empty 结果维持): those beyond the line break are kept for the reader.
    text = part.strip()
    if text[:1].isdigit():
        text = " " * max(0, len(part) - len(part.lstrip()) - joiner) + text
    if text[-1:].isdigit():
        text += " " * max(0, len(part) - len(part.rstrip()) - joiner)
    return text
