"""The 政府信息更正申请处理告知书 (§41): what the agency decided on a request to correct
government information about the applicant, said as §41 says it
(:mod:`gongkai.core.applications.record_corrections`)."""

from __future__ import annotations

from datetime import date

from gongkai.core.applications.record_corrections import (
    CorrectionDecision,
    CorrectionOutcome,
    CorrectionRequestFacts,
)
from gongkai.core.letters.model import (
    LAW,
    LETTER_TITLES,
    AgencyFacts,
    LetterKind,
    LetterText,
    chinese_date,
    contact_notes,
)

_D = CorrectionDecision
_SENTENCES: dict[CorrectionDecision, str] = {
    _D.CORRECTED: "经审核，该政府信息记录不准确，{you}反映的情况属实。根据{law}第四十一条的规定，"
    "本机关已予以更正，更正后的内容为：{corrected_to}",
    _D.NOT_VERIFIED: "经审核，{you}提供的证据不能证明该政府信息记录不准确，本机关不予更正。",
    _D.FORWARDED: "{you}要求更正的政府信息不属于本机关职能范围。根据{law}第四十一条的规定，"
    "本机关已将{you}的更正申请转送{agency}处理，特此告知。",
    _D.REFERRED: "{you}要求更正的政府信息不属于本机关职能范围。根据{law}第四十一条的规定，"
    "请{you}向有权更正的行政机关{agency}提出。",
}
del _D


def _stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；”）)" else text + "。"


def correction_notice(
    agency: AgencyFacts,
    *,
    number: str,
    applicant_name: str,
    is_person: bool,
    received_on: date,
    request: CorrectionRequestFacts,
    outcome: CorrectionOutcome,
    on: date,
) -> LetterText:
    """The notice of ``outcome`` on the request received on ``received_on``; ``number`` is the
    request's running number ("2025-0003")."""
    you = "您" if is_person else "你单位"
    sentence = _SENTENCES[outcome.decision].format(
        you=you,
        law=LAW,
        corrected_to=_stop(outcome.corrected_to),
        agency=outcome.competent_agency.strip(),
    )
    paragraphs = [
        f"本机关于{chinese_date(received_on)}收到{you}要求更正政府信息记录的申请"
        f"（编号：{number}），{you}认为“{request.record.strip()}”记录不准确，要求更正为"
        f"“{request.requested.strip()}”。",
        sentence,
    ]
    if outcome.reasons.strip():
        paragraphs.append(f"理由：{_stop(outcome.reasons)}")
    paragraphs.append("特此告知。")
    year, _, serial = number.partition("-")
    bracket = f"〔{year}〕" if serial else ""
    return LetterText(
        kind=LetterKind.CORRECTION_NOTICE,
        title=LETTER_TITLES[LetterKind.CORRECTION_NOTICE],
        number=f"{agency.abbreviation}更正{bracket}{serial or number}号",
        addressee=f"{applicant_name}：",
        paragraphs=tuple(paragraphs),
        signer=agency.name,
        dated=on,
        notes=contact_notes(agency),
    )
