"""Procedural numbers and the rules the domain spec marks UNVERIFIED, as one settings object.

VERIFIED limits are fields too, so that every number used by the services is visible in one
place, but only the UNVERIFIED ones are meant to be changed by an agency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from gongkai.core.applications.outcomes import Outcome, outcome_rows
from gongkai.core.errors import GongkaiError


class PauseStart(StrEnum):
    # T6: whether a consultation pauses the clock from the letter's issue or from the day the
    # consulted party received it. The spec's default is the shorter pause: from receipt.
    RECEIPT = "receipt"
    ISSUE = "issue"


@dataclass(frozen=True)
class ProcedureRules:
    answer_limit_wd: int = 20  # §33 ¶1, VERIFIED
    extension_max_wd: int = 20  # §33 ¶2, VERIFIED
    supplement_notice_wd: int = 7  # §30, VERIFIED
    consultation_reply_wd: int = 15  # §32, §34, VERIFIED
    supplement_period_wd: int = 15  # B3: the 条例 fixes no period; UNVERIFIED local default
    consultation_pause_from: PauseStart = PauseStart.RECEIPT  # T6, UNVERIFIED
    # §32/§34 (T2, T3): a consultation stops the §33 clock for at most the consulted party's
    # reply period; the cap is DERIVED from the law's text, so an agency may switch it off.
    consultation_pause_capped: bool = True
    consultation_pause_cap_wd: int = 15
    # §35 (gongkai.core.applications.excessive): the 条例 fixes no period for the applicant's
    # explanation and does not say whether the wait stops the §33 clock: both UNVERIFIED.
    reasons_period_wd: int = 15
    reasons_pause_clock: bool = False
    # A 复议决定 (S6 §64 "在一定期限内", §66 "在一定期限内履行") or a judgment (S9 §9, §10
    # "在一定期限内") sets the period of a new answer itself; when the order states none, the
    # re-answer is due this many working days after the agency received the order. Neither
    # the 条例 nor domain.md gives that default: UNVERIFIED, borrowed from §33's 20 days.
    reanswer_default_wd: int = 20
    # §3.8: the four UNVERIFIED outcome → 表三 row mappings an agency may move.
    outcome_row_overrides: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_wd") and (not isinstance(value, int) or value < 1):
                raise GongkaiError(f"办理规则“{f.name}”应为正整数个工作日，实为{value!r}")
        outcome_rows(self.outcome_row_overrides)  # refuses an invalid mapping at start-up

    @property
    def outcome_rows(self) -> dict[Outcome, str]:
        return outcome_rows(self.outcome_row_overrides)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ProcedureRules:
        """Build from settings, refusing unknown keys so a misspelt setting cannot go unseen."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise GongkaiError(f"未知的办理规则设置：{'、'.join(unknown)}")
        data = dict(values)
        if "consultation_pause_from" in data:
            try:
                data["consultation_pause_from"] = PauseStart(data["consultation_pause_from"])
            except ValueError:
                raise GongkaiError(
                    "consultation_pause_from 只能是 receipt（对方收到之日）或 issue（发出之日）"
                ) from None
        return cls(**data)
