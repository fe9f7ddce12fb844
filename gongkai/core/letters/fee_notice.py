"""The 收费通知书 (S14 form 13), a letter of the case like every other: what S5 二 requires it to
state — 依据、标准、数额、缴纳方式 — and the payment window after receipt.

Sources (docs/fees.md): 条例 §42 (a fee only for clearly excessive volume or frequency,
VERIFIED); 国办函〔2020〕109号 第三条–第五条 (the two methods and their schedules, VERIFIED);
S5 二 (四川: the notice's contents, payment within 20 working days of receipt, unpaid →
deemed abandoned; VERIFIED for Sichuan, the national text UNVERIFIED). Whether the notice
stops the answer clock is the setting ``FeeRules.pauses_clock`` (UNVERIFIED, domain.md §4.4);
the sentence saying so appears only when it does.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.errors import GongkaiError
from gongkai.core.fees.assessment import FeeAssessment
from gongkai.core.fees.rules import FeeRules
from gongkai.core.fees.schedules import FeeMethod
from gongkai.core.letters.model import (
    LETTER_TITLES,
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    contact_notes,
    document_number,
    opening,
)

STANDARDS: dict[FeeMethod, str] = {
    FeeMethod.PER_APPLICATION: (
        "每月第1至10件不收费，第11至30件每件100元，第31件起以10件为一档、每增加一档每件"
        "加收100元（超额累进）"
    ),
    FeeMethod.PER_PAGE: (
        "30页以下（含）不收费，31至100页每页10元，101至200页每页20元，201页以上每页40元（超额累进）"
    ),
}


def fee_notice_letter(
    agency: AgencyFacts,
    app: ApplicationFacts,
    assessment: FeeAssessment,
    rules: FeeRules,
    *,
    sent_on: date,
) -> LetterText:
    """The notice for an assessed, chargeable application (S5 二)."""
    if not assessment.chargeable:
        raise GongkaiError("按收费标准本申请不收费，不能发出收费通知")
    you = app.you
    pause = (
        "自收到本通知之日的次日至缴费之日，不计入政府信息公开申请的答复期限。"
        if rules.pauses_clock
        else ""
    )
    kind = LetterKind.FEE_NOTICE
    return LetterText(
        kind=kind,
        title=LETTER_TITLES[kind],
        number=document_number(kind, agency, app.number),
        addressee=f"{app.applicant_name}：",
        paragraphs=(
            opening(app),
            f"经审查，{you}申请的数量、频次明显超过合理范围。根据{'、'.join(rules.basis)}的"
            f"规定，本机关决定对该申请收取信息处理费。",
            f"收费标准：{assessment.method.label}，{STANDARDS[assessment.method]}。",
            "计费情况：" + "".join(assessment.explanation),
            f"应缴金额：人民币{assessment.amount}元。",
            f"缴纳方式：{rules.payment_method}。",
            f"请{you}自收到本通知之日的次日起{rules.payment_window_wd}个工作日内缴纳。"
            f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。{pause}",
            "特此通知。",
        ),
        signer=agency.name,
        dated=sent_on,
        notes=contact_notes(agency),
    )
