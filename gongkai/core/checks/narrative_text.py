"""The figures a report's narrative states, read from its text.

Only plain statements are read; anything hedged, compared with another year, or about a
different intake (局长信箱, 留言, 诉求, 信访) is left alone, because a narrative rule that
misreads a sentence raises a false alarm on a report that is correct.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from gongkai.core.checks.registry import PER_REPORT_RESETS
from gongkai.core.parsing.normalize import nfkc

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUM = r"(?:\d+|[零〇一二两三四五六七八九十]+)"
# "一件事" is a service package, not a count. The number is NUM, written to begin with one
# character class (a digit continues with digits, a numeral with numerals, as in NUM), so
# that the engine skips ahead to candidates instead of trying NUM at every position.
_COUNT = re.compile(
    r"([\d零〇一二两三四五六七八九十](?:(?<=\d)\d*|(?<!\d)[零〇一二两三四五六七八九十]*))\s*(?:件|起|宗)(?!事)"
)
_PERCENT = re.compile(r"\s*[,(]?\s*(?:占比|占|比例)[为是]?\s*(\d+(?:\.\d+)?)\s*%")

# Text between a verb and its count that shows the count is not this year's applications.
_NOT_APPLICATIONS = re.compile(
    "信箱|来信|留言|诉求|咨询|投诉|举报|信访|建议|提案|复议|诉讼|结转|上年|去年|同比|较|累计|历年|其中"
)
_RECEIVED = re.compile(r"(收到|接收|接到|受理|新收|办理)")
# A count by channel or by applicant type is a part of the total, not the total.
_PART = re.compile("网上|在线|网络|信函|邮寄|邮件|当面|现场|传真|电话|自然人|法人|企业|组织|机构")
_NO_APPLICATIONS = re.compile(r"(?:未|没有)(?:收到|接到|接收|受理)([^,;]{0,25}?)申请")
_QUALIFIED = re.compile("超出|超过|一定数量|频次|收费|重复|大量")


def chinese_count(text: str) -> int | None:
    """零–九十九 and 两 in Chinese numerals, or Arabic digits; None for anything else."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if text in _DIGITS:
        return _DIGITS[text]
    tens, sep, units = text.partition("十")
    if not sep or len(tens) > 1 or len(units) > 1:
        return None
    if (tens and tens not in _DIGITS) or (units and units not in _DIGITS):
        return None
    if tens in ("零", "〇", "两") or units == "两":
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def prepare(text: str) -> str:
    """Normalised text with document titles removed (their names hold numbers and words)."""
    text = nfkc(text)  # unicodedata's NFKC, faster on report text
    if "《" in text:  # (a cheap test first: the search is slow over CJK text)
        text = re.sub(r"《[^》]*》", "《》", text)
    return re.sub(r"〔[^〕]*〕", "", text) if "〔" in text else text


# A printed line that ends a paragraph: a sentence end, perhaps closed by a quote or bracket
# (a ";" or ":" goes on: lists run on after them). A line that begins an enumerated heading
# ("(二)", "三、", "1.") starts one. A line a PDF happened to break right after "。" is taken
# as a paragraph end, as every line was before.
_SENTENCE_ENDS = ("。", "!", "?")
_CLOSERS = "\"'”’)」』]"
_PARAGRAPH_START = re.compile(
    r"^\s*(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+[.、](?!\d))"
)


@lru_cache(maxsize=256)
def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, with a paragraph that a PDF printed over several lines joined
    again: a rule reads a sentence whole whatever the page width made of it (a line break
    between "主动公开21件、" and "依申请公开3件、不予公开1件" must not leave the second line
    looking like a statement about applications)."""
    # Cached for one report (cleared before each run): every narrative rule reads the same
    # sections. Not across reports: a report's speed is its own work, not a neighbour's.
    joined: list[str] = []
    for line in prepare(text).split("\n"):
        if not line.strip():
            continue
        if joined and not _ends_paragraph(joined[-1]) and not _PARAGRAPH_START.match(line):
            joined[-1] += line.strip()
        else:
            joined.append(line)
    return joined


def _ends_paragraph(text: str) -> bool:
    """Whether the text ends a sentence: "。", "!" or "?", then closing quotes or brackets,
    then spaces. Read from the end: a search from the start would walk the whole paragraph
    again for each line joined to it."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


_CLAUSE_END = re.compile(r"[,;。!?]")


@lru_cache(maxsize=4096)
def clauses(paragraph: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_END.split(paragraph) if c.strip()]


@dataclass(frozen=True)
class Stated:
    """One figure the text states: what it is about, the number, and the words it came from."""

    subject: str
    value: int
    quote: str
    percent: str | None = None


def applications_received(text: str) -> Iterator[Stated]:
    """Counts such as "收到…申请7件" (subject "received", or "received_part" for a count
    by channel or applicant type), and "未收到…申请" as a stated 0 (subject "none")."""
    return iter(_applications_received(text))


@lru_cache(maxsize=16)
def _applications_received(text: str) -> tuple[Stated, ...]:
    # Cached for one report (cleared before each run): two rules read the same statements.
    return tuple(_read_applications_received(text))


def _read_applications_received(text: str) -> Iterator[Stated]:
    for paragraph in paragraphs(text):
        if "申请" not in paragraph:
            continue  # (nor in any of its clauses: a clause is a part of its paragraph)
        for clause in clauses(paragraph):
            if "申请" not in clause:
                continue  # both statements name 申请: most clauses are about other things
            none = _NO_APPLICATIONS.search(clause)
            if none and not _QUALIFIED.search(none.group(1)):
                yield Stated("none", 0, clause)
                continue
            count = _COUNT.search(clause)
            verbs = list(_RECEIVED.finditer(clause, 0, count.start())) if count else []
            if count is None or not verbs or "其中" in clause[: verbs[-1].start()]:
                continue
            between = clause[verbs[-1].end() : count.start()]
            value = chinese_count(count.group(1))
            plain = "申请" in between and not _NOT_APPLICATIONS.search(between)
            if len(between) <= 30 and plain and value is not None:
                part = _PART.search(clause, 0, count.start())
                yield Stated("received_part" if part else "received", value, clause)


_OUTCOMES = (
    ("partially_granted", r"部分公开"),
    ("denied", r"不予(?:以)?公开"),
    ("granted", r"(?<![不未主])(?:予以公开|已公开|同意公开|全部公开)"),
    ("unable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other", r"其[他它]处理"),
)
_OUTCOME = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in _OUTCOMES))


def outcomes(text: str) -> Iterator[Stated]:
    """Outcomes such as "属于已公开6件，占31.58%", in a paragraph about applications."""
    return iter(_outcomes(text))


@lru_cache(maxsize=16)
def _outcomes(text: str) -> tuple[Stated, ...]:
    # Cached for one report (cleared before each run): two rules read the same statements.
    return tuple(_read_outcomes(text))


def _read_outcomes(text: str) -> Iterator[Stated]:
    for paragraph in paragraphs(text):
        if "申请" not in paragraph:
            continue
        for clause in clauses_keeping_percent(paragraph):
            if re.search("主动|累计|历年", clause):
                continue
            for label in _OUTCOME.finditer(clause):
                count = _COUNT.search(clause, label.end())
                if count is None:
                    continue
                between = clause[label.end() : count.start()]
                value = chinese_count(count.group(1))
                if len(between) > 6 or _OUTCOME.search(between) or value is None:
                    continue
                percent = _PERCENT.match(clause, count.end())
                end = percent.end() if percent else count.end()
                yield Stated(
                    label.lastgroup or "",
                    value,
                    clause[label.start() : end],
                    percent.group(1) if percent else None,
                )


def clauses_keeping_percent(paragraph: str) -> list[str]:
    """Clauses split at ; and 。 only, so that "6件，占31.58%" stays together."""
    return [c.strip() for c in re.split(r"[;。!?]", paragraph) if c.strip()]


_REVIEW = re.compile(r"复议(?!后)")
_SUIT = re.compile(r"诉讼|起诉")
_NEGATION = re.compile(r"没有|未发生|未出现|未有|未产生|未收到|未被|不存在|均无|无")
_OUTCOME_WORDS = re.compile("维持|纠正|审结|结果|撤销|驳回|败诉|胜诉|上年|去年|同比|较|累计|历年")


def _mentions_remedy(clause: str) -> bool:
    return "复议" in clause or "诉讼" in clause or "起诉" in clause


def review_litigation_absent(text: str) -> Iterator[Stated]:
    """Denials such as "没有…行政复议和行政诉讼案件": subject "both", "review" or "suit"."""
    for paragraph in paragraphs(text):
        if not _mentions_remedy(paragraph):
            continue  # (nor does any of its clauses)
        for clause in clauses(paragraph):
            if not _mentions_remedy(clause):
                continue  # (what the words below look for; most clauses are about other things)
            negation = _NEGATION.search(clause)
            if negation is None or re.search(r"\d", clause):
                continue
            rest = clause[negation.end() :].replace("未经复议", "")
            head = rest[:30]
            if _OUTCOME_WORDS.search(head):
                continue  # "没有…复议被纠正" denies an outcome, not the cases
            review = bool(_REVIEW.search(head))
            suit = bool(_SUIT.search(head))
            if review or suit:
                subject = "both" if review and suit else "review" if review else "suit"
                yield Stated(subject, 0, clause)


def review_litigation_counts(text: str) -> Iterator[Stated]:
    """Counts such as "被申请行政复议3件"; the subject says which 表四 totals it concerns."""
    for paragraph in paragraphs(text):
        if not _mentions_remedy(paragraph):
            continue  # (nor does any of its clauses)
        for clause in clauses(paragraph):
            if not _mentions_remedy(clause):
                continue  # a count needs 复议, 诉讼 or 起诉 before it
            count = _COUNT.search(clause)
            if count is None or _NEGATION.search(clause[: count.start()]):
                continue
            before = clause[: count.start()]
            keyword = max((m.end() for m in re.finditer("复议|诉讼|起诉", before)), default=-1)
            if keyword < 0 or count.start() - keyword > 8 or _OUTCOME_WORDS.search(before):
                continue
            value = chinese_count(count.group(1))
            if value is None:
                continue
            direct = "直接起诉" in before or "未经复议" in before
            after = bool(re.search("复议后", before))
            review = bool(_REVIEW.search(before.replace("未经复议", "")))
            suit = bool(_SUIT.search(before))
            if direct:
                subject = "suit_direct"
            elif after:
                subject = "suit_after_review"
            elif review and suit:
                subject = "all"
            else:
                subject = "suit" if suit else "review"
            yield Stated(subject, value, clause)


def normative_in_force(text: str) -> Iterator[Stated]:
    """Counts such as "现行有效规范性文件26件" or "规范性文件…现行有效26件"."""
    for paragraph in paragraphs(text):
        if "现行有效" not in paragraph or "规范性文件" not in paragraph:
            continue  # (nor in any of its clauses)
        for clause in clauses(paragraph):
            if "规范性文件" not in clause or "规章" in clause:
                continue
            where = clause.find("现行有效")
            if where < 0:
                continue
            count = re.compile(rf"({NUM})\s*(?:件|份|个)").search(clause, where)
            if count is None or count.start() - where > 16:
                continue
            value = chinese_count(count.group(1))
            if value is not None and not re.search("累计|历年|上年|去年", clause):
                yield Stated("in_force", value, clause)


PER_REPORT_RESETS.extend(
    (
        paragraphs.cache_clear,
        clauses.cache_clear,
        _applications_received.cache_clear,
        _outcomes.cache_clear,
    )
)
