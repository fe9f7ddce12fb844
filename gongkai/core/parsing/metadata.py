"""Agency, year, title, statistics period, publication date and contact of a report."""

from __future__ import annotations

import datetime as dt
import re

from gongkai.core.parsing.document import Line
from gongkai.core.parsing.normalize import chinese_year
from gongkai.core.report.model import Contact

_YEAR = r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})"
_TITLE = re.compile(_YEAR + r"\s*年(?:度)?")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计期间|统计时间|数据统计)[^0-9]{0,12}"
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^0-9]{0,8}(?:((?:19|20)\d{2})\s*年\s*)?"
    r"(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_AGENCY_END = re.compile(r"(局|委员会|委|办公室|办|政府|厅|署|院|中心|分局|所|站|队|部|会|处|室)$")


def _year_value(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_year(text)


def title_lines(lines: list[Line], first_heading: int | None) -> list[str]:
    """The lines that make up the title, before the first section heading."""
    end = first_heading if first_heading is not None else min(len(lines), 8)
    out: list[str] = []
    for line in lines[:end]:
        text = line.text.strip().strip("#").strip()
        if not text or len(text) > 60 or text.startswith(("本报告", "根据", "按照")):
            continue
        out.append(text)
        if "报告" in text:
            break
    return out


def agency_and_year(title: list[str]) -> tuple[str | None, int | None, str | None]:
    joined = "".join(t.replace(" ", "") for t in title)
    if not joined:
        return None, None, None
    report_line = next((t.replace(" ", "") for t in title if "报告" in t), None)
    if report_line and _TITLE.search(report_line) and _agency_in(report_line):
        joined = report_line  # the title line names agency and year by itself
    m = _TITLE.search(joined)
    year = _year_value(m.group(1)) if m else None
    agency = None
    if m:
        before = joined[: m.start()].strip("：: ")
        after = joined[m.end() :]
        after = re.split(r"政府信息公开|政务公开|信息公开", after)[0]
        for candidate in (before, after):
            if candidate and _AGENCY_END.search(candidate):
                agency = candidate
                break
    return agency, year, joined if "报告" in joined else None


def _agency_in(line: str) -> bool:
    m = _TITLE.search(line)
    if not m:
        return False
    head = line[: m.start()]
    tail = re.split(r"政府信息公开|政务公开|信息公开", line[m.end() :])[0]
    return bool(_AGENCY_END.search(head) or _AGENCY_END.search(tail))


def statistics_period(text: str) -> tuple[dt.date, dt.date] | None:
    m = _PERIOD.search(text.replace(" ", ""))
    if not m:
        return None
    start_year = int(m.group(1))
    end_year = int(m.group(2)) if m.group(2) else start_year
    try:
        return dt.date(start_year, 1, 1), dt.date(end_year, int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None


def publication_date(lines: list[Line]) -> dt.date | None:
    """A line that is only a date, near the end (the signature block); or, where a crawler
    ran the signature into the last paragraph ("…信息处理费。 某市生态环境局 2025年1月15日"),
    a date that ends the text after its last sentence, with at most a signature between."""
    for line in reversed(lines[-12:]):
        text = line.text.strip()
        m = _DATE.fullmatch(text) or _DATE.search(text) if len(text) <= 40 else None
        if m and ("发布" in text or _DATE.fullmatch(text) or len(text) <= 16):
            found = _date_from(*m.group(1, 2, 3))
            if found is not None:
                return found
    if lines:
        return _signed_at_end(lines[-1].text.strip())
    return None


_SIGNED_AT_END = re.compile(r"[。!?]\s*([^。!?\d]{0,30}?)\s*" + _DATE.pattern + r"\s*$")


def _signed_at_end(text: str) -> dt.date | None:
    if text[-1:] != "日" and not text[-1:].isdigit():
        return None  # cheap: the pattern needs a date at the very end
    m = _SIGNED_AT_END.search(text[-80:])
    return None if m is None else _date_from(*m.group(2, 3, 4))


def _date_from(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


_PHONE = re.compile(r"(?:电话|联系电话|咨询电话)[:：]?\s*([0-9\-－() ]{7,20})")
_POSTCODE = re.compile(r"邮(?:政)?编(?:码)?[:：]?\s*(\d{6})")
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})")
# Written so that each pattern starts with known characters, which the regular expression
# engine then looks for directly instead of trying every position: "(?:联系)?地址" as an
# alternation, and the address of a website without its optional "http(s)://" (only the
# captured "www." part is used, and the first "www." that matches is the one the longer
# pattern finds).
_ADDRESS = re.compile(r"(?:联系地址|地址)[:：]\s*([^；;，,。)）]{4,60})")
_WEBSITE = re.compile(r"(www\.[A-Za-z0-9.\-]+\.[a-z]{2,}(?:/[^\s)）,，；。]*)?)")


def contact(text: str) -> Contact:
    def first(pattern: re.Pattern[str], needs: str) -> str | None:
        if needs not in text:
            return None  # cheap: no match can exist without it
        m = pattern.search(text)
        return m.group(1).strip() if m else None

    return Contact(
        address=first(_ADDRESS, "地址"),
        postcode=first(_POSTCODE, "编"),
        phone=first(_PHONE, "电话"),
        email=first(_EMAIL, "@"),
        website=first(_WEBSITE, "www."),
    )
