"""The two letters of §35: the 说明理由告知书 (S14 lists it among the standard forms) and the
延迟答复告知书 ("确定延迟答复的合理期限并告知申请人"). The refusal after unreasonable reasons
is the 答复书 of outcome ``MASS_REPEAT_UNREASONABLE`` (gongkai.core.letters.replies)."""

from __future__ import annotations

from datetime import date

from gongkai.core.letters.model import (
    LAW,
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    chinese_date,
    opening,
)
from gongkai.core.letters.notices import _letter

TOO_MANY = "申请公开政府信息的数量、频次明显超过合理范围"


def reasons_request_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    sent_on: date,
    reasons_due: date,
    period_wd: int,
    finding: str,
    clock_paused: bool,
) -> LetterText:
    """§35: "行政机关可以要求申请人说明理由", with what follows from the answer."""
    you = app.you
    wait = f"在{you}说明理由期间，答复期限暂停计算。" if clock_paused else ""
    return _letter(
        LetterKind.REASONS_REQUEST,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app) + f"经审查，{you}{TOO_MANY}（{finding.strip().rstrip('。')}）。",
            f"根据{LAW}第三十五条的规定，请{you}于{chinese_date(reasons_due)}前"
            f"（{period_wd}个工作日内）向本机关书面说明申请理由。{wait}",
            f"本机关认为申请理由不合理的，将告知{you}不予处理；认为申请理由合理，但是无法在"
            f"{LAW}第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知{you}。",
            "特此告知。",
        ],
        sent_on,
    )


def delayed_reply_notice(
    agency: AgencyFacts,
    app: ApplicationFacts,
    *,
    set_on: date,
    reasons_requested_on: date,
    delayed_deadline: date,
    reason: str,
) -> LetterText:
    """§35: the reasons are reasonable but §33's limit cannot be met; the later date."""
    you = app.you
    return _letter(
        LetterKind.DELAYED_REPLY,
        agency,
        app,
        f"{app.applicant_name}：",
        [
            opening(app) + f"本机关于{chinese_date(reasons_requested_on)}要求{you}说明申请理由，"
            f"经审查，本机关认为{you}的申请理由合理。",
            f"因{reason.strip().rstrip('。')}，本机关无法在{LAW}第三十三条规定的期限内答复。"
            f"根据{LAW}第三十五条的规定，本机关确定延迟答复的期限为"
            f"{chinese_date(delayed_deadline)}，将于该日前作出答复。",
            "特此告知。",
        ],
        set_on,
    )
