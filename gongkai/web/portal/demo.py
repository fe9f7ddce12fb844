"""Demo: the bureau takes online applications, and a few of its online cases can be tracked.

The demo's online cases were registered through the staff service; here they get what the
portal would have given them: a tracking number and a private link. The links' secrets are
fixed (``DEMO_TOKENS``, listed in docs/portal.md) so that a demo visitor can open them. The
bureau's decided §41 更正 request gets its status link the same way
(``DEMO_CORRECTION_TOKEN``).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from django.utils import timezone

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.statuses import is_concluded
from gongkai.core.portal.tracking import make_tracking_number
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correction_requests import CorrectionRequest
from gongkai.web.applications.models import Application
from gongkai.web.portal.models import (
    OnlineCorrection,
    OnlineIntake,
    OnlineSubmission,
    TrackingLink,
)
from gongkai.web.portal.services import token_hash

BUREAU = "清河县公安局"
DEMO_TOKENS = (
    "qinghe-demo-tracking-0001",
    "qinghe-demo-tracking-0002",
    "qinghe-demo-tracking-0003",
)
DEMO_CORRECTION_TOKEN = "qinghe-demo-correction-0001"
NOTICE = "受理时间：工作日 9:00–17:00。咨询电话：0000-1234567。\n通信地址：清河县人民路1号。"


def load_demo(today: date) -> None:
    bureau = Agency.objects.filter(name=BUREAU).first()
    if bureau is None:
        return
    OnlineIntake.objects.get_or_create(agency=bureau, defaults={"notice": NOTICE})
    online = Application.objects.filter(
        agency=bureau, channel=Channel.ONLINE.value, online_submission__isnull=True
    ).order_by("-arrived_at")
    # Open cases first, then answered ones; one per status, so the demo shows both.
    ordered = sorted(online, key=lambda a: is_concluded(a.status_enum))
    chosen: list[Application] = []
    for app in ordered:
        if app.status not in {c.status for c in chosen}:
            chosen.append(app)
        if len(chosen) == len(DEMO_TOKENS):
            break
    for app, token in zip(chosen, DEMO_TOKENS, strict=False):
        seed = hashlib.sha256(token.encode()).digest()
        submission = OnlineSubmission.objects.create(
            application=app,
            tracking_number=make_tracking_number(timezone.localtime(app.arrived_at).year, seed),
            idempotency_key=f"demo-{seed.hex()[:40]}",
            submitted_at=app.arrived_at,
        )
        TrackingLink.objects.create(
            submission=submission, token_hash=token_hash(token), origin=TrackingLink.Origin.STAFF
        )
    _correction_link(bureau)


def _correction_link(bureau: Agency) -> None:
    decided = (
        CorrectionRequest.objects.filter(agency=bureau, online_correction__isnull=True)
        .exclude(decision="")
        .order_by("pk")
        .first()
    )
    if decided is None:
        return
    seed = hashlib.sha256(DEMO_CORRECTION_TOKEN.encode()).hexdigest()
    OnlineCorrection.objects.create(
        correction=decided,
        idempotency_key=f"demo-{seed[:40]}",
        token_hash=token_hash(DEMO_CORRECTION_TOKEN),
        submitted_at=timezone.make_aware(datetime.combine(decided.arrived_on, time(9, 30))),
    )
