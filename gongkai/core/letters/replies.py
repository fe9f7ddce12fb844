"""The 答复书 of each outcome (§36–§39): what the decision is, on which article, with reasons
where the law requires them (§36(三), §37; §36(五) names the responsible agency).

No national reply template exists (domain.md §10 item 1); the wording follows the article
texts, and the structure the old reference template (S15), updated to the 2019 条例.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.outcomes import NOT_DECIDABLE, REASONS_REQUIRED, Outcome
from gongkai.core.errors import GongkaiError
from gongkai.core.letters.model import (
    LAW,
    LETTER_TITLES,
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    contact_notes,
    document_number,
    opening,
)
from gongkai.core.letters.remedy import DEFAULT_REMEDY_RULES, RemedyRules, remedy_paragraph

_O = Outcome
DEFAULT_LEGAL_BASIS: dict[Outcome, str] = {
    _O.ALREADY_PUBLIC: f"{LAW}第三十六条第一项",
    _O.GRANTED: f"{LAW}第三十六条第二项",
    _O.PARTIAL: f"{LAW}第三十七条",
    _O.DENIED_STATE_SECRET: f"{LAW}第十四条、第三十六条第三项",
    _O.DENIED_LAW_PROHIBITED: f"{LAW}第十四条、第三十六条第三项",
    _O.DENIED_SECURITY_STABILITY: f"{LAW}第十四条、第三十六条第三项",
    _O.DENIED_THIRD_PARTY: f"{LAW}第十五条、第三十二条、第三十六条第三项",
    _O.DENIED_INTERNAL: f"{LAW}第十六条第一款、第三十六条第三项",
    _O.DENIED_PROCESS: f"{LAW}第十六条第二款、第三十六条第三项",
    _O.DENIED_ENFORCEMENT_FILE: f"{LAW}第十六条第二款、第三十六条第三项",
    _O.SPECIAL_QUERY_PROCEDURE: f"{LAW}第三十六条第七项",
    _O.NOT_EXIST: f"{LAW}第三十六条第四项",
    _O.NOT_THIS_AGENCY: f"{LAW}第三十六条第五项",
    _O.NEEDS_CREATION: f"{LAW}第三十八条",
    _O.STILL_UNCLEAR: f"{LAW}第三十条",
    _O.PETITION_COMPLAINT: f"{LAW}第三十九条第一款",
    _O.REPEAT: f"{LAW}第三十六条第六项",
    _O.PUBLICATION: f"{LAW}第三十九条第二款",
    _O.MASS_REPEAT_UNREASONABLE: f"{LAW}第三十五条",
    # The 条例 has no article on this request (domain.md §3.8: basis UNVERIFIED). DERIVED:
    # §38 ("应当是已制作或者获取的政府信息") — a confirmation or a re-issued copy is a new
    # document the agency would have to make, not information it holds; §2 defines 政府信息.
    _O.CONFIRM_OR_REISSUE: f"{LAW}第二条、第三十八条",
    _O.OTHER: "",
    _O.ABANDONED_NO_SUPPLEMENT: f"{LAW}第三十条",
    _O.ABANDONED_FEE_UNPAID: f"{LAW}第四十二条",
}

# §37: the part withheld from a 部分公开 reply is withheld on one ground, which the reply
# must give with its article (reasons for any refusal, §36(三), §37; domain.md §3.9). The
# grounds are the exemptions of §14–§16 (the 表三（三）1–7 rows, the DENIED_* outcomes) and
# "不属于政府信息" (§37's own words; §2 defines 政府信息). The citation of each is the
# DENIED_* outcome's article; the §36(三) item is cited once in the sentence.
NOT_GOVERNMENT_INFORMATION = "NOT_GOVERNMENT_INFORMATION"
WITHHELD_GROUNDS: dict[str, tuple[str, str]] = {
    _O.DENIED_STATE_SECRET.value: ("属于依法确定为国家秘密的政府信息", "第十四条"),
    _O.DENIED_LAW_PROHIBITED.value: ("属于法律、行政法规禁止公开的政府信息", "第十四条"),
    _O.DENIED_SECURITY_STABILITY.value: (
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "第十四条",
    ),
    _O.DENIED_THIRD_PARTY.value: (
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        "第十五条",
    ),
    _O.DENIED_INTERNAL.value: (
        "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
        "第十六条第一款",
    ),
    _O.DENIED_PROCESS.value: (
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    _O.DENIED_ENFORCEMENT_FILE.value: ("属于行政执法案卷信息", "第十六条第二款"),
    NOT_GOVERNMENT_INFORMATION: ("不属于政府信息", "第二条"),
}
WITHHELD_GROUND_LABELS: dict[str, str] = {
    _O.DENIED_STATE_SECRET.value: "属于国家秘密（第十四条）",
    _O.DENIED_LAW_PROHIBITED.value: "其他法律行政法规禁止公开（第十四条）",
    _O.DENIED_SECURITY_STABILITY.value: "危及“三安全一稳定”（第十四条）",
    _O.DENIED_THIRD_PARTY.value: "保护第三方合法权益（第十五条）",
    _O.DENIED_INTERNAL.value: "属于三类内部事务信息（第十六条第一款）",
    _O.DENIED_PROCESS.value: "属于四类过程性信息（第十六条第二款）",
    _O.DENIED_ENFORCEMENT_FILE.value: "属于行政执法案卷（第十六条第二款）",
    NOT_GOVERNMENT_INFORMATION: "不属于政府信息（第二条）",
}


def withheld_sentence(ground: str) -> str:
    """The sentence of a 部分公开 reply that says why the rest is withheld, with its article."""
    try:
        what, article = WITHHELD_GROUNDS[ground]
    except KeyError:
        raise GongkaiError("部分公开的答复书须选择不予公开部分的理由类别") from None
    if ground == NOT_GOVERNMENT_INFORMATION:
        return f"不予提供的部分{what}（{LAW}{article}），依照{LAW}第三十七条不予提供。"
    return f"不予公开的部分{what}，根据{LAW}{article}、第三十六条第三项、第三十七条的规定不予公开。"


# §36(一), §36(七), §39 ¶2: the reply exists to say how, where or under which procedure the
# applicant gets the information, so the decision must state it; "other" must say what it is.
DETAILS_REQUIRED: frozenset[Outcome] = frozenset(
    {_O.ALREADY_PUBLIC, _O.SPECIAL_QUERY_PROCEDURE, _O.PUBLICATION, _O.OTHER}
)

# The decision sentence of each outcome; {basis} is the legal basis, {details} what the
# decision says about obtaining the information, {you} 您 / 你单位.
_SENTENCES: dict[Outcome, str] = {
    _O.ALREADY_PUBLIC: "{you}申请获取的政府信息已经主动公开。根据{basis}的规定，"
    "现告知{you}获取该政府信息的方式和途径：{details}",
    _O.GRANTED: "{you}申请获取的政府信息属于可以公开的政府信息。根据{basis}的规定，"
    "本机关决定予以公开。{details}",
    _O.PARTIAL: "{you}申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，"
    "但能够作区分处理。根据{basis}的规定，本机关决定向{you}提供可以公开的部分，"
    "其余部分不予公开。{details}",
    _O.DENIED_STATE_SECRET: "{you}申请获取的政府信息属于依法确定为国家秘密的政府信息。"
    "根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_LAW_PROHIBITED: "{you}申请获取的政府信息属于法律、行政法规禁止公开的政府信息。"
    "根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_SECURITY_STABILITY: "{you}申请获取的政府信息公开后可能危及国家安全、公共安全、"
    "经济安全、社会稳定。根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_THIRD_PARTY: "{you}申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方"
    "合法权益造成损害。根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_INTERNAL: "{you}申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的"
    "内部事务信息。根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_PROCESS: "{you}申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的"
    "讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{basis}的规定，本机关决定不予公开。",
    _O.DENIED_ENFORCEMENT_FILE: "{you}申请获取的政府信息属于行政执法案卷信息。"
    "根据{basis}的规定，本机关决定不予公开。",
    _O.SPECIAL_QUERY_PROCEDURE: "{you}申请获取的信息，法律、行政法规对其获取有特别规定。"
    "根据{basis}的规定，请{you}按照有关法律、行政法规的规定办理：{details}",
    _O.NOT_EXIST: "经检索，本机关未制作或者获取{you}申请公开的政府信息，该政府信息不存在。"
    "根据{basis}的规定，特此告知。",
    _O.NOT_THIS_AGENCY: "{you}申请获取的政府信息不属于本机关负责公开。根据{basis}的规定，"
    "特此告知。",
    _O.NEEDS_CREATION: "{you}申请获取的信息需要本机关对现有政府信息进行加工、分析，"
    "本机关没有现成的信息。根据{basis}的规定，本机关不予提供。{details}",
    _O.STILL_UNCLEAR: "本机关已向{you}一次性告知需要补正的事项，{you}补正后的申请内容仍不明确，"
    "本机关无法确定{you}所需的政府信息。根据{basis}的规定，本机关无法提供。",
    _O.PETITION_COMPLAINT: "{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。"
    "根据{basis}的规定，本机关不作为政府信息公开申请处理。{details}",
    _O.REPEAT: "{you}申请公开的政府信息，本机关已经作出答复，{you}重复申请公开相同政府信息。"
    "根据{basis}的规定，本机关不予重复处理。",
    _O.PUBLICATION: "{you}要求提供的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，"
    "告知{you}获取的途径：{details}",
    _O.MASS_REPEAT_UNREASONABLE: "{you}申请公开政府信息的数量、频次明显超过合理范围，"
    "且说明的理由不合理。根据{basis}的规定，本机关不予处理。",
    _O.CONFIRM_OR_REISSUE: "{you}要求本机关确认或者重新出具{you}已获取的信息，"
    "不属于申请获取本机关已制作或者获取的政府信息。根据{basis}的规定，本机关不予处理。",
    _O.OTHER: "本机关对{you}的申请作如下处理：{details}",
}
del _O


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: str = ""
    legal_basis: str = ""  # empty: the article of DEFAULT_LEGAL_BASIS
    details: str = ""  # how / where / when, or the pointer to the proper channel
    referral: str = ""  # §36(五): name and contact of the responsible agency
    # §37: the ground of the withheld part of a 部分公开 reply (a WITHHELD_GROUNDS key).
    withheld_ground: str = ""


# The outcomes whose reply gives the information itself (the rest say where or why not).
RELEASING: frozenset[Outcome] = frozenset({Outcome.GRANTED, Outcome.PARTIAL})


def _released_details(outcome: Outcome, you: str, attached: bool) -> str:
    """How the information is given when the decision says nothing more: "见附件" only
    where the reply has one; otherwise in the form the applicant asked for (§40)."""
    if outcome is Outcome.PARTIAL:
        return "可以公开的部分见附件。" if attached else ""
    if attached:
        return f"本机关向{you}提供该政府信息（见附件）。"
    return f"本机关将按照{you}申请时指定的形式提供该政府信息。"


def _check(decision: Decision) -> None:
    outcome = decision.outcome
    if outcome in NOT_DECIDABLE:
        raise GongkaiError("视为放弃申请的案件使用终止办理告知书，不出具答复书")
    if outcome in REASONS_REQUIRED and not decision.reasons.strip():
        raise GongkaiError("该办理结果的答复书须写明理由")
    if outcome in DETAILS_REQUIRED and not decision.details.strip():
        raise GongkaiError("该办理结果的答复书须写明获取方式、途径、办理程序或处理内容")
    if outcome is Outcome.PARTIAL:
        withheld_sentence(decision.withheld_ground)  # refuses a missing or unknown ground
    elif decision.withheld_ground:
        raise GongkaiError("只有部分公开的答复书写明不予公开部分的理由类别")


def _ensure_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；：”）)" else text + "。"


def reply(
    agency: AgencyFacts,
    app: ApplicationFacts,
    decision: Decision,
    reply_date: date,
    *,
    remedy_rules: RemedyRules = DEFAULT_REMEDY_RULES,
    outcome_rows: Mapping[Outcome, str] | None = None,
    attachments: Sequence[str] = (),
) -> LetterText:
    """The 答复书 dated ``reply_date`` (the remedy text depends on it). ``attachments`` are
    the names of the released files it comes with, listed as 附件 under the body."""
    _check(decision)
    outcome = decision.outcome
    basis = decision.legal_basis.strip() or DEFAULT_LEGAL_BASIS[outcome] or "有关规定"
    details = _ensure_stop(decision.details)
    if outcome in RELEASING and not details:
        details = _released_details(outcome, app.you, bool(attachments))
    sentence = _SENTENCES[outcome].format(you=app.you, basis=basis, details=details).strip()
    paragraphs = [opening(app) + "经审查，现答复如下：", sentence]
    if outcome is Outcome.PARTIAL:
        paragraphs.append(withheld_sentence(decision.withheld_ground))
    if decision.reasons.strip() and outcome is not Outcome.OTHER:
        paragraphs.append(f"理由：{_ensure_stop(decision.reasons)}")
    if outcome is Outcome.NOT_THIS_AGENCY:
        if decision.referral.strip():
            paragraphs.append(
                f"该政府信息由{decision.referral.strip()}负责公开，请{app.you}向其提出申请。"
            )
        else:
            paragraphs.append("本机关无法确定负责公开该政府信息的行政机关。")
    paragraphs.append("特此答复。")
    paragraphs.append(remedy_paragraph(outcome, reply_date, agency, remedy_rules, outcome_rows))
    return LetterText(
        kind=LetterKind.REPLY,
        title=LETTER_TITLES[LetterKind.REPLY],
        number=document_number(LetterKind.REPLY, agency, app.number),
        addressee=f"{app.applicant_name}：",
        paragraphs=tuple(paragraphs),
        signer=agency.name,
        dated=reply_date,
        notes=contact_notes(agency),
        attachments=tuple(name.strip() for name in attachments if name.strip()),
    )
