"""What statistics need to know about one application, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.errors import GongkaiError


class InvalidRecord(GongkaiError):
    """A case record whose dates or outcome contradict each other."""


@dataclass(frozen=True)
class CaseRecord:
    """One application as the counting rules K7–K10 see it.

    ``received_on`` is the *first* day 0. A 补正 restarts the answer clock but not the
    application: counting the restarted date would count a December application as new again
    in January and break K8 (last year's carried forward = this year's carried over).
    ``concluded_on`` is the issue date of the reply or the date the case was closed (K10).
    """

    applicant_type: ApplicantType
    channel: Channel
    received_on: date | None
    concluded_on: date | None = None
    outcome: Outcome | None = None
    due_on: date | None = None
    reference: str = ""

    def __post_init__(self) -> None:
        name = self.reference or "申请"
        if (self.concluded_on is None) != (self.outcome is None):
            raise InvalidRecord(f"{name}：办结日期与办理结果须同时具备")
        if (
            self.received_on is not None
            and self.concluded_on is not None
            and self.concluded_on < self.received_on
        ):
            raise InvalidRecord(f"{name}：办结日期{self.concluded_on}早于收到申请之日")

    def counted(self) -> bool:
        return self.received_on is not None

    def open_at(self, day: date) -> bool:
        """Received on or before ``day`` and not concluded by the end of it."""
        if self.received_on is None or self.received_on > day:
            return False
        return self.concluded_on is None or self.concluded_on > day
