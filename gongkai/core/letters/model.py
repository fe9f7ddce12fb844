"""What a letter is made of, and the facts of the case it is made from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from gongkai.core.errors import GongkaiError
from gongkai.core.text_hygiene import clean_text

LAW = "《中华人民共和国政府信息公开条例》"


class LetterKind(StrEnum):
    SUPPLEMENT_NOTICE = "supplement_notice"
    EXTENSION_NOTICE = "extension_notice"
    CONSULTATION = "consultation"
    TERMINATION_NOTICE = "termination_notice"
    REPLY = "reply"
    REASONS_REQUEST = "reasons_request"  # §35 (gongkai.core.letters.excessive)
    DELAYED_REPLY = "delayed_reply"  # §35
    REANSWER = "reanswer"  # 复议决定或判决责令重新答复 (gongkai.core.letters.reanswer)
    CORRECTION_NOTICE = "correction_notice"  # §41 更正 (gongkai.core.letters.correction)
    FEE_NOTICE = "fee_notice"  # 收费通知书, §42 (gongkai.core.letters.fee_notice)


LETTER_TITLES: dict[LetterKind, str] = {
    LetterKind.SUPPLEMENT_NOTICE: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION_NOTICE: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开征求意见函",
    LetterKind.TERMINATION_NOTICE: "政府信息公开申请终止办理告知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
    LetterKind.REASONS_REQUEST: "政府信息公开申请说明理由告知书",
    LetterKind.DELAYED_REPLY: "政府信息公开申请延迟答复告知书",
    LetterKind.REANSWER: "政府信息公开申请重新答复书",
    LetterKind.CORRECTION_NOTICE: "政府信息更正申请处理告知书",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
}

# The word in the document number (〔年〕号). Numbering practice is local (UNVERIFIED, S15):
# the shell may prefix the agency's abbreviation.
NUMBER_WORDS: dict[LetterKind, str] = {
    LetterKind.SUPPLEMENT_NOTICE: "补正",
    LetterKind.EXTENSION_NOTICE: "延期",
    LetterKind.CONSULTATION: "征询",
    LetterKind.TERMINATION_NOTICE: "终止",
    LetterKind.REPLY: "答复",
    LetterKind.REASONS_REQUEST: "说明",
    LetterKind.DELAYED_REPLY: "延迟",
    LetterKind.REANSWER: "重答",
    LetterKind.CORRECTION_NOTICE: "更正",
    LetterKind.FEE_NOTICE: "收费",
}


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class AgencyFacts:
    """The agency that writes, and the bodies its remedy paragraph names (S6 §24, §27)."""

    name: str
    review_body: str  # 本级人民政府 for a 县级以上地方人民政府工作部门 (S6 §24 ¶1(一))
    superior: str = "上一级主管部门"  # vertically managed organs (S6 §27); pre-2024 choice
    court: str = "有管辖权的人民法院"
    vertically_managed: bool = False
    address: str = ""
    phone: str = ""
    abbreviation: str = ""  # prefix of document numbers, e.g. "清公"


@dataclass(frozen=True)
class ApplicationFacts:
    number: str  # the case's running number, "2025-0001"
    applicant_name: str
    is_person: bool
    description: str
    first_received: date  # §31 day 0 of the application
    received: date  # current day 0: the supplement's receipt after a 补正 (§30)

    @property
    def you(self) -> str:
        return "您" if self.is_person else "你单位"


@dataclass(frozen=True)
class LetterText:
    """One letter as text: everything the DOCX and the PDF show, in order."""

    kind: LetterKind
    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]
    signer: str
    dated: date
    notes: tuple[str, ...] = field(default=())  # small print: contact details
    # 附件: the names of the files the letter comes with (the released information), listed
    # under the body as GB/T 9704 places 附件说明.
    attachments: tuple[str, ...] = field(default=())

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "number": self.number,
            "addressee": self.addressee,
            "paragraphs": list(self.paragraphs),
            "signer": self.signer,
            "dated": self.dated.isoformat(),
            "notes": list(self.notes),
            # Only when there are any: the stored text of every earlier letter stays as it was.
            **({"attachments": list(self.attachments)} if self.attachments else {}),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> LetterText:
        try:
            return cls(
                kind=LetterKind(data["kind"]),
                title=str(data["title"]),
                number=str(data["number"]),
                addressee=str(data["addressee"]),
                paragraphs=tuple(str(p) for p in data["paragraphs"]),
                signer=str(data["signer"]),
                dated=date.fromisoformat(str(data["dated"])),
                notes=tuple(str(n) for n in data.get("notes", ())),
                attachments=tuple(str(a) for a in data.get("attachments", ())),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise GongkaiError(f"文书内容不完整或格式错误：{exc}") from None

    def printable(self) -> LetterText:
        """The same letter without characters a document cannot hold (control and other
        unprintable characters, :mod:`gongkai.core.text_hygiene`): what the renderers
        draw, so that a letter never fails on the stored text it quotes."""
        return LetterText(
            kind=self.kind,
            title=clean_text(self.title),
            number=clean_text(self.number),
            addressee=clean_text(self.addressee),
            paragraphs=tuple(clean_text(p, multiline=True) for p in self.paragraphs),
            signer=clean_text(self.signer),
            dated=self.dated,
            notes=tuple(clean_text(n, multiline=True) for n in self.notes),
            attachments=tuple(clean_text(a) for a in self.attachments),
        )

    @property
    def attachment_lines(self) -> tuple[str, ...]:
        """附件说明: "附件：名称" for one file; "附件：1．名称" then "2．名称", … for several."""
        names = self.attachments
        if len(names) == 1:
            return (f"附件：{names[0]}",)
        return tuple(
            f"{'附件：' if n == 1 else ''}{n}．{name}" for n, name in enumerate(names, start=1)
        )

    @property
    def text(self) -> str:
        """Plain text of the whole letter (for search, tests and a text download)."""
        lines = [self.title, self.number, "", self.addressee, *self.paragraphs]
        lines += [*self.attachment_lines, ""]
        lines += [self.signer, chinese_date(self.dated), *self.notes]
        return "\n".join(lines)


def document_number(kind: LetterKind, agency: AgencyFacts, case_number: str) -> str:
    """``清公答复〔2025〕0001号`` from the case number ``2025-0001``."""
    year, _, serial = case_number.partition("-")
    if not serial:
        year, serial = "", case_number
    bracket = f"〔{year}〕" if year else ""
    return f"{agency.abbreviation}{NUMBER_WORDS[kind]}{bracket}{serial}号"


def contact_notes(agency: AgencyFacts) -> tuple[str, ...]:
    parts = []
    if agency.address:
        parts.append(f"联系地址：{agency.address}")
    if agency.phone:
        parts.append(f"联系电话：{agency.phone}")
    return ("；".join(parts),) if parts else ()


def opening(app: ApplicationFacts) -> str:
    text = (
        f"本机关于{chinese_date(app.first_received)}收到{app.you}提出的政府信息公开申请"
        f"（申请编号：{app.number}），申请获取“{app.description}”。"
    )
    if app.received != app.first_received:
        text += f"本机关于{chinese_date(app.received)}收到{app.you}补正后的申请。"
    return text
