"""The 收费通知书 (S14 form 13; content per S5 二: 依据、标准、数额、缴纳方式) as plain text.

The shell stores :class:`FeeNoticeText` (``to_data``) with the case and renders the DOCX and
PDF from it; :func:`notice_html` is the page the PDF is printed from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from gongkai.core.errors import GongkaiError
from gongkai.core.fees.assessment import FeeAssessment
from gongkai.core.fees.rules import FeeRules
from gongkai.core.fees.schedules import FeeMethod

TITLE = "政府信息公开信息处理费收费通知书"


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class NoticeFacts:
    """What the notice says about the case; plain values, so the core needs no database."""

    agency_name: str
    agency_address: str
    agency_phone: str
    case_number: str  # "2025-0001"
    applicant_name: str
    is_person: bool
    description: str
    received_on: date  # day 0 of the application

    @property
    def you(self) -> str:
        return "您" if self.is_person else "你单位"


@dataclass(frozen=True)
class FeeNoticeText:
    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]
    signer: str
    dated: date
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        lines = [self.title, self.number, "", self.addressee, *self.paragraphs, ""]
        return "\n".join([*lines, self.signer, chinese_date(self.dated), *self.notes])

    def to_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "number": self.number,
            "addressee": self.addressee,
            "paragraphs": list(self.paragraphs),
            "signer": self.signer,
            "dated": self.dated.isoformat(),
            "notes": list(self.notes),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FeeNoticeText:
        try:
            return cls(
                title=str(data["title"]),
                number=str(data["number"]),
                addressee=str(data["addressee"]),
                paragraphs=tuple(str(p) for p in data["paragraphs"]),
                signer=str(data["signer"]),
                dated=date.fromisoformat(str(data["dated"])),
                notes=tuple(str(n) for n in data.get("notes", ())),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise GongkaiError(f"收费通知书内容不完整或格式错误：{exc}") from None


def notice_number(case_number: str) -> str:
    """``收费〔2025〕0001号`` from the case number ``2025-0001`` (numbering practice is local)."""
    year, _, serial = case_number.partition("-")
    return f"收费〔{year}〕{serial}号" if serial else f"收费{case_number}号"


def fee_notice(
    facts: NoticeFacts,
    assessment: FeeAssessment,
    rules: FeeRules,
    *,
    sent_on: date,
) -> FeeNoticeText:
    """The notice for an assessed, chargeable application (S5 二)."""
    if not assessment.chargeable:
        raise GongkaiError("按收费标准本申请不收费，不能发出收费通知")
    you = facts.you
    method = assessment.method.label
    standard = (
        "每月第1至10件不收费，第11至30件每件100元，第31件起以10件为一档、每增加一档每件"
        "加收100元（超额累进）"
        if assessment.method is FeeMethod.PER_APPLICATION
        else "30页以下（含）不收费，31至100页每页10元，101至200页每页20元，"
        "201页以上每页40元（超额累进）"
    )
    pause = (
        "自收到本通知之日的次日至缴费之日，不计入政府信息公开申请的答复期限。"
        if rules.pauses_clock
        else ""
    )
    paragraphs = (
        f"本机关于{chinese_date(facts.received_on)}收到{you}提出的政府信息公开申请"
        f"（申请编号：{facts.case_number}），申请获取“{facts.description}”。",
        f"经审查，{you}申请的数量、频次明显超过合理范围。根据{'、'.join(rules.basis)}的规定，"
        f"本机关决定对该申请收取信息处理费。",
        f"收费标准：{method}，{standard}。",
        "计费情况：" + "".join(assessment.explanation),
        f"应缴金额：人民币{assessment.amount}元。",
        f"缴纳方式：{rules.payment_method}。",
        f"请{you}自收到本通知之日的次日起{rules.payment_window_wd}个工作日内缴纳。"
        f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。{pause}",
        "特此通知。",
    )
    contact = "；".join(
        part
        for part in (
            f"联系地址：{facts.agency_address}" if facts.agency_address else "",
            f"联系电话：{facts.agency_phone}" if facts.agency_phone else "",
        )
        if part
    )
    return FeeNoticeText(
        title=TITLE,
        number=notice_number(facts.case_number),
        addressee=f"{facts.applicant_name}：",
        paragraphs=paragraphs,
        signer=facts.agency_name,
        dated=sent_on,
        notes=(contact,) if contact else (),
    )


# Installed system fonts only (Noto CJK); nothing is fetched from the network.
STYLE = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center;
     margin: 0 0 .4em; }
.number { text-align: center; margin: 0 0 1.2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressee, .signature p, .notes p { text-indent: 0; }
.signature { text-align: right; margin-top: 2em; }
.notes { margin-top: 2em; font-size: 12pt; }
"""


def notice_html(notice: FeeNoticeText) -> str:
    """A standalone HTML page of the notice (for the PDF renderer and a preview)."""
    body = [
        f"<h1>{escape(notice.title)}</h1>",
        f'<div class="number">{escape(notice.number)}</div>',
        f'<p class="addressee">{escape(notice.addressee)}</p>',
        *(f"<p>{escape(p)}</p>" for p in notice.paragraphs),
        '<div class="signature">',
        f"<p>{escape(notice.signer)}</p>",
        f"<p>{escape(chinese_date(notice.dated))}</p>",
        "</div>",
    ]
    if notice.notes:
        body += ['<div class="notes">', *(f"<p>{escape(n)}</p>" for n in notice.notes), "</div>"]
    content = "\n".join(body)
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(notice.title)}</title><style>{STYLE}</style></head>"
        f"<body>\n{content}\n</body></html>"
    )
