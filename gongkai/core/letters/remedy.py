"""The remedy paragraph (救济途径) of a reply, chosen by the reply date and the outcome.

Rules (domain.md §3.9, VERIFIED unless marked):

* From 2024-01-01 (2023 复议法 in force) the 复议机关 of a county department is the
  government at the same level (S6 §24 ¶1(一)); vertically managed organs go to the
  上一级主管部门 (S6 §27). Before that date the applicant could choose either (old §12).
* 复议前置 (S6 §23 ¶1(四), ¶2): against "不予公开" the applicant must apply for 复议 first,
  and the reply must say so. This covers the 表三 rows （三）1–8; covering the withheld part
  of a 部分公开 is DERIVED/UNVERIFIED and a setting (default: yes, the conservative choice).
* Otherwise 复议 within 60 days or a lawsuit within 6 months (S6 §20, S7 §46); after a 复议
  decision, a lawsuit within 15 days (S7 §45).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.letters.model import AgencyFacts

NEW_REVIEW_LAW_IN_FORCE = date(2024, 1, 1)  # 行政复议法 (2023 revision), VERIFIED S6


@dataclass(frozen=True)
class RemedyRules:
    partial_requires_review_first: bool = True  # DERIVED/UNVERIFIED (domain.md §3.9 rule 3)
    review_period_days: int = 60  # S6 §20 ¶1, VERIFIED
    lawsuit_period: str = "六个月"  # S7 §46, VERIFIED
    lawsuit_after_review_days: int = 15  # S7 §45, VERIFIED


DEFAULT_REMEDY_RULES = RemedyRules()


def review_first(
    outcome: Outcome,
    reply_date: date,
    rules: RemedyRules = DEFAULT_REMEDY_RULES,
    outcome_rows: Mapping[Outcome, str] | None = None,
) -> bool:
    """Whether the reply must tell the applicant to apply for 复议 before any lawsuit."""
    if reply_date < NEW_REVIEW_LAW_IN_FORCE:
        return False
    row = (outcome_rows or DEFAULT_OUTCOME_ROWS)[outcome]
    if row.startswith("denied_"):
        return True
    return outcome is Outcome.PARTIAL and rules.partial_requires_review_first


def _review_bodies(agency: AgencyFacts, reply_date: date) -> str:
    if reply_date < NEW_REVIEW_LAW_IN_FORCE:
        return f"{agency.review_body}或者{agency.superior}"
    return agency.superior if agency.vertically_managed else agency.review_body


def remedy_paragraph(
    outcome: Outcome | None,
    reply_date: date,
    agency: AgencyFacts,
    rules: RemedyRules = DEFAULT_REMEDY_RULES,
    outcome_rows: Mapping[Outcome, str] | None = None,
) -> str:
    """The paragraph for a reply dated ``reply_date``; ``None`` outcome: a closing notice."""
    body = _review_bodies(agency, reply_date)
    days = rules.review_period_days

    def either(doc: str) -> str:
        return (
            f"可以自收到本{doc}之日起{days}日内向{body}申请行政复议，"
            f"也可以自收到本{doc}之日起{rules.lawsuit_period}内向{agency.court}提起行政诉讼。"
        )

    if outcome is None:
        return "如不服本告知，" + either("告知书")
    if not review_first(outcome, reply_date, rules, outcome_rows):
        return "如不服本答复，" + either("答复书")
    first = (
        f"根据《中华人民共和国行政复议法》第二十三条第一款第四项的规定，应当先自收到本答复书"
        f"之日起{days}日内向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议"
        f"决定书之日起{rules.lawsuit_after_review_days}日内依法向人民法院提起行政诉讼。"
    )
    if outcome is Outcome.PARTIAL:
        return f"如对本答复中不予公开部分的决定不服，{first}对本答复其他内容不服的，" + either(
            "答复书"
        )
    return f"如不服本答复，{first}"
