"""The notices of the procedure: 补正 (§30), extension (§33 ¶2), consultation (§32, §34) and
the closing notices after a lapsed supplement period (§30) or an unpaid fee (§42 and the
fee measure), both recommended in domain.md §3.8."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.errors import GongkaiError
from gongkai.core.letters.model import (
    LAW,
    LETTER_TITLES,
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    chinese_date,
    contact_notes,
    document_number,
    opening,
)
from gongkai.core.letters.remedy import remedy_paragraph


def _letter(
    kind: LetterKind,
    agency: AgencyFacts,
    app: ApplicationFacts,
    addressee: str,
    paragraphs: list[str],
    dated: date,
) -> LetterText:
    return LetterText(
        kind=kind,
        title=LETTER_TITLES[kind],
        number=document_number(kind, agency, app.number),
        addressee=addressee,
        paragraphs=tuple(paragraphs),
        signer=agency.name,
        dated=dated,
        notes=contact_notes(agency),
    )


def supplement_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    sent_on: date,
    items: str,
    supplement_due: date,
    period_wd: int,
) -> LetterText:
    """§30: one complete notice of everything to supplement, with a reasonable period."""
    you = app.you
    return _letter(
        LetterKind.SUPPLEMENT_NOTICE,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app) + f"经审查，{you}的申请内容不明确。",
            f"根据{LAW}第三十条的规定，请{you}对以下事项作出补正：{items.strip()}",
            f"请{you}于{chinese_date(supplement_due)}前（{period_wd}个工作日内）向本机关提交"
            "补正材料。答复期限自本机关收到补正后的申请之日起重新计算。",
            f"{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "特此告知。",
        ],
        sent_on,
    )


def extension_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    approved_on: date,
    days: int,
    reason: str,
    new_due: date | None,
) -> LetterText:
    """§33 ¶2: the office head agreed to extend, and the applicant must be told."""
    until = (
        f"本机关将于{chinese_date(new_due)}前作出答复。"
        if new_due
        else "本机关将在延长后的期限内作出答复。"
    )
    return _letter(
        LetterKind.EXTENSION_NOTICE,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app),
            f"因{reason.strip().rstrip('。')}，本机关不能在法定期限内作出答复。根据{LAW}"
            f"第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
            f"答复期限延长{days}个工作日。{until}",
            "特此告知。",
        ],
        approved_on,
    )


@dataclass(frozen=True)
class ConsultedParty:
    name: str
    is_agency: bool  # §34 another agency (co-maker) rather than a §32 third party


def consultation_letter(
    agency: AgencyFacts,
    app: ApplicationFacts,
    party: ConsultedParty,
    *,
    sent_on: date,
    matter: str,
    reply_wd: int = 15,
) -> LetterText:
    """The 征求意见书 to a third party (§32) or a co-making agency (§34)."""
    if party.is_agency:
        why = f"该政府信息由本机关与你机关共同制作。根据{LAW}第三十四条的规定，现征求你机关意见。"
        silence = "逾期未提出意见的，视为同意公开。"
        you = "你机关"
    else:
        why = (
            f"本机关认为，公开该政府信息可能损害你方合法权益。根据{LAW}第三十二条的规定，"
            "现书面征求你方意见。"
        )
        silence = "逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。"
        you = "你方"
    subject = matter.strip().rstrip("。")
    return _letter(
        LetterKind.CONSULTATION,
        agency,
        app,
        f"{party.name}：",
        [
            f"本机关于{chinese_date(app.received)}收到政府信息公开申请（申请编号：{app.number}），"
            f"申请获取“{app.description}”。",
            (f"涉及的信息：{subject}。" if subject else "") + why,
            f"请{you}自收到本函之日起{reply_wd}个工作日内书面提出是否同意公开的意见及理由。"
            + silence,
            "特此函告。",
        ],
        sent_on,
    )


def termination_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    on: date,
    supplement_requested_on: date,
    supplement_due: date,
) -> LetterText:
    """§30: no supplement in time without good reason → deemed abandoned (表三（六）1)."""
    you = app.you
    return _letter(
        LetterKind.TERMINATION_NOTICE,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app),
            f"本机关于{chinese_date(supplement_requested_on)}向{you}发出补正告知书，请{you}于"
            f"{chinese_date(supplement_due)}前补正。{you}无正当理由逾期未补正，根据{LAW}"
            "第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "特此告知。",
            remedy_paragraph(None, on, agency),
        ],
        on,
    )


def fee_termination_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    on: date,
    fee_notice_number: str,
    fee_notice_sent_on: date,
    fee_notice_received_on: date,
    payment_due: date,
    basis: Sequence[str],
) -> LetterText:
    """Unpaid within the window after the 收费通知 → deemed abandoned, no longer processed
    (表三（六）2 "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请").

    The rule "逾期未缴纳的视为放弃申请" is VERIFIED in S5 二 (四川); the national 国办函〔2020〕
    109号 after 第五条 was not read (domain.md §4.3, §10 item 3). ``basis`` is therefore the
    agency's fee basis, the one its 收费通知 cited (FeeRules.basis: 条例第四十二条 and 109号 by
    default, a province adding its own measure), so both letters cite the same texts.
    """
    you = app.you
    cited = "、".join(b.strip() for b in basis if b.strip())
    if not cited:
        raise GongkaiError("终止办理告知书须写明收费依据")
    if not fee_notice_sent_on <= fee_notice_received_on < payment_due < on:
        raise GongkaiError("收费通知的发出、收到日期、缴费期限和终止日期先后不符")
    return _letter(
        LetterKind.TERMINATION_NOTICE,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app),
            f"本机关于{chinese_date(fee_notice_sent_on)}向{you}发出政府信息公开信息处理费"
            f"收费通知书（{fee_notice_number}），{you}于{chinese_date(fee_notice_received_on)}"
            f"收到，应于{chinese_date(payment_due)}前缴纳信息处理费。{you}逾期未按收费通知要求"
            f"缴纳费用，根据{cited}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "特此告知。",
            remedy_paragraph(None, on, agency),
        ],
        on,
    )
