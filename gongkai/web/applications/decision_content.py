"""What a decision must carry before it is recorded, for a first answer and a re-answer
alike: an outcome staff may decide, reasons where the law asks for them (§36(三), §37),
the access details of a granted answer, and a 部分公开's ground for the withheld part."""

from __future__ import annotations

from gongkai.core.applications.outcomes import (
    DECIDABLE,
    OUTCOME_LABELS,
    REASONS_REQUIRED,
    Outcome,
)
from gongkai.core.letters.replies import DETAILS_REQUIRED, WITHHELD_GROUNDS
from gongkai.web.applications.transitions import guard


def guard_decision_content(
    outcome: Outcome, *, reasons: str, details: str, withheld_ground: str
) -> str:
    """Raise GuardFailed where the decision lacks what it must carry; return the withheld
    part's ground, stripped."""
    guard(outcome in DECIDABLE, f"“{OUTCOME_LABELS[outcome]}”不能通过办理决定作出")
    guard(
        outcome not in REASONS_REQUIRED or bool(reasons.strip()),
        f"“{OUTCOME_LABELS[outcome]}”须写明理由及法律依据",
    )
    guard(
        outcome not in DETAILS_REQUIRED or bool(details.strip()),
        f"“{OUTCOME_LABELS[outcome]}”须写明获取方式、途径或处理内容",
    )
    withheld_ground = withheld_ground.strip()
    if outcome is Outcome.PARTIAL:
        guard(
            withheld_ground in WITHHELD_GROUNDS,
            "部分公开须选择不予公开部分的理由类别（第三十七条：答复书须写明其法律依据）",
        )
    else:
        guard(not withheld_ground, "只有部分公开需要选择不予公开部分的理由类别")
    return withheld_ground
