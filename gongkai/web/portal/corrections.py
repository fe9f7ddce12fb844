"""A §41 更正 request filed by the applicant on the portal (条例第四十一条).

One step, in the project's transition shape: guard → ``transaction.atomic()`` with the
agency row locked → the correction app's one registration (``register_correction``,
``by_applicant``: numbering, the trail's first entry, no actor) → the portal's facts (the
form's idempotency key, the hash of the private status link). A second click of the same
form finds the request the first one created. §41 sets no deadline and the request is no
政府信息公开申请, so it has no answer clock and no 表三 row (domain.md §3.8).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correcting import register_correction
from gongkai.web.applications.correction_requests import CorrectionRequest
from gongkai.web.dbretry import retry_when_locked
from gongkai.web.kernel.guards import guard
from gongkai.web.portal.models import OnlineCorrection
from gongkai.web.portal.services import receipt_token, token_hash

ONLINE_NOTE = "申请人通过网上申请平台提交"


@dataclass(frozen=True)
class CorrectionContent:
    """The cleaned contents of the portal's 更正 form."""

    applicant_type: ApplicantType
    applicant_name: str
    contact: str
    record: str
    requested: str
    evidence: str


@dataclass(frozen=True)
class SubmittedCorrection:
    online: OnlineCorrection
    token: str
    created: bool


def correction_token(idempotency_key: str) -> str:
    # Derived from the form's key, as an application's is, under a key of its own: a second
    # click finds the same request and the same link, and only the link's hash is stored.
    return receipt_token(f"correction:{idempotency_key}")


@retry_when_locked  # idempotent by its key: safe to run again
def submit_correction_online(
    agency: Agency, content: CorrectionContent, *, idempotency_key: str, client: str = ""
) -> SubmittedCorrection:
    guard(len(idempotency_key) >= 16, "表单已失效，请重新填写并提交")
    token = correction_token(idempotency_key)
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        intake = getattr(locked, "online_intake", None)
        guard(intake is not None and intake.accepts, f"{locked.name}暂不接受网上申请")
        existing = OnlineCorrection.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return SubmittedCorrection(existing, token, created=False)
        now = timezone.now()
        request = register_correction(
            None,
            locked,
            arrived_on=timezone.localdate(now),
            applicant_type=content.applicant_type,
            applicant_name=content.applicant_name,
            contact=content.contact,
            record=content.record,
            requested=content.requested,
            evidence=content.evidence,
            by_applicant=True,
            note=ONLINE_NOTE,
        )
        online = OnlineCorrection.objects.create(
            correction=request,
            idempotency_key=idempotency_key,
            token_hash=token_hash(token),
            submitted_at=now,
            client=client,
        )
    return SubmittedCorrection(online, token, created=True)


def correction_for_token(token: str) -> CorrectionRequest | None:
    online = (
        OnlineCorrection.objects.select_related("correction__agency")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return online.correction if online is not None else None
