"""The applicant's one step: an online application, in the project's transition shape.

guard → ``transaction.atomic()`` with the agency row locked (running number, idempotency)
→ create the application, its portal facts, link and attachments → the audit
:class:`CaseEvent` (actor ``None``: the applicant through the portal) → on commit the
acknowledgement mail and the office's notice.

Day 0 comes from the core's §31 rule for the online channel
(:func:`gongkai.core.applications.channels.day0_at_arrival`): the internet channel's day 0
is the day both sides confirm, so the application waits for the office's confirmation
(``confirm_receipt``) unless that rule says otherwise. The case itself is created by the
case app's one ``register`` service (``by_applicant``), never re-implemented here.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel, IntakeForm
from gongkai.core.applications.required_contents import contact_problem
from gongkai.core.portal.attachments import EXTENSIONS, MEDIA_TYPES, sniff_attachment
from gongkai.core.portal.tracking import make_tracking_number
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application
from gongkai.web.applications.services import register
from gongkai.web.dbretry import retry_when_locked
from gongkai.web.kernel.guards import guard
from gongkai.web.portal.models import Attachment, OnlineSubmission, TrackingLink

TOKEN_SALT = "gongkai.portal.track"


@dataclass(frozen=True)
class OnlineApplication:
    """The cleaned contents of the online form (§29 ¶2 (一)–(三))."""

    applicant_type: ApplicantType
    applicant_name: str
    description: str
    requested_form: str
    delivery: str
    id_document_type: str = ""
    id_document: str = ""
    credit_code: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    contact_email: str = ""
    purpose: str = ""


@dataclass(frozen=True)
class Upload:
    kind: str
    file: UploadedFile


@dataclass(frozen=True)
class Submitted:
    submission: OnlineSubmission
    token: str
    created: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def receipt_token(idempotency_key: str) -> str:
    """The private link's secret for the form with this key.

    Derived (keyed with the secret key) rather than drawn, so that a second click or a
    resubmitted form finds the same application *and* the same link, although only the
    link's hash is stored.
    """
    digest = salted_hmac(TOKEN_SALT, idempotency_key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@retry_when_locked  # idempotent by its key, uploads content-addressed: safe to run again
def submit_online(
    agency: Agency,
    content: OnlineApplication,
    uploads: list[Upload],
    *,
    idempotency_key: str,
    client: str = "",
    link_base: str = "",
) -> Submitted:
    guard(len(idempotency_key) >= 16, "表单已失效，请重新填写并提交")
    guard(bool(content.applicant_name.strip()), "请填写申请人姓名或名称（第二十九条）")
    guard(bool(content.description.strip()), "请填写所需政府信息的名称、文号或描述（第二十九条）")
    # register() refuses it too; checked here as well so that no upload is stored for it.
    problem = contact_problem(content.contact_phone, content.contact_address, content.contact_email)
    guard(problem is None, problem or "")
    token = receipt_token(idempotency_key)
    stored = [_store(upload) for upload in uploads]  # before the transaction: see _store
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        guard(_accepts_online(locked), f"{locked.name}暂不接受网上申请")
        # Under the agency lock a second click waits here for the first one to commit,
        # then finds its submission instead of creating another.
        existing = OnlineSubmission.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return Submitted(existing, token, created=False)
        now = timezone.now()
        app = _create_application(locked, content, now)
        submission = OnlineSubmission.objects.create(
            application=app,
            tracking_number=_new_tracking_number(timezone.localdate(now)),
            idempotency_key=idempotency_key,
            submitted_at=now,
            id_document_type=content.id_document_type,
            contact_person=content.contact_person.strip(),
            purpose=content.purpose.strip(),
            client=client,
        )
        TrackingLink.objects.create(
            submission=submission, token_hash=token_hash(token), origin=TrackingLink.Origin.RECEIPT
        )
        for attachment in stored:
            attachment.submission = submission
            attachment.save()
        if app.contact_email:
            from gongkai.web.portal.mail import send_acknowledgement

            # The link's secret exists only in this closure, never in a queue or a table.
            transaction.on_commit(
                lambda: send_acknowledgement(submission.pk, f"{link_base}{token}/"), robust=True
            )
    return Submitted(submission, token, created=True)


def _accepts_online(agency: Agency) -> bool:
    intake = getattr(agency, "online_intake", None)
    return intake is not None and intake.accepts


def _create_application(agency: Agency, content: OnlineApplication, now: datetime) -> Application:
    # The one registration of the case app, as the applicant himself: numbering, day 0
    # (§31 for the online channel), the due date and the trail's first entry.
    note = "申请人通过网上申请平台提交"
    if content.contact_person.strip():
        note += f"；法定代表人或联系人：{content.contact_person.strip()}"
    if content.purpose.strip():
        note += f"；用途：{content.purpose.strip()}"
    return register(
        None,
        agency,
        channel=Channel.ONLINE,
        arrived_at=now,
        applicant_type=content.applicant_type,
        applicant_name=content.applicant_name,
        description=content.description,
        by_applicant=True,
        note=note,
        intake_form=IntakeForm.ONLINE.value,
        id_document=content.id_document.strip(),
        credit_code=content.credit_code.strip(),
        contact_phone=content.contact_phone.strip(),
        contact_address=content.contact_address.strip(),
        contact_email=content.contact_email.strip(),
        requested_form=content.requested_form,
        delivery=content.delivery,
    )


def _new_tracking_number(today: date) -> str:
    while True:
        number = make_tracking_number(today.year, secrets.token_bytes(5))
        if not OnlineSubmission.objects.filter(tracking_number=number).exists():
            return number


def _store(upload: Upload) -> Attachment:
    """Write an uploaded file under its sha256 before the application's transaction.

    The applicant is told "received" only after the commit, so the files must be durable by
    then; a file written for a transaction that then rolls back is content-addressed, so a
    retry reuses it instead of leaving a second copy.
    """
    digest = hashlib.sha256()
    upload.file.seek(0)
    for chunk in upload.file.chunks():
        digest.update(chunk)
    upload.file.seek(0)
    kind = sniff_attachment(upload.file.read(1024))
    guard(kind is not None, f"文件“{upload.file.name}”的类型不被接受")
    assert kind is not None
    upload.file.seek(0)
    attachment = Attachment(
        kind=upload.kind,
        original_name=(upload.file.name or "附件")[-200:],
        media_type=MEDIA_TYPES[kind],
        size=upload.file.size or 0,
        sha256=digest.hexdigest(),
    )
    path = f"portal/{attachment.sha256[:2]}/{attachment.sha256}{EXTENSIONS[kind]}"
    if default_storage.exists(path):
        attachment.file.name = path
    else:
        attachment.file.save(f"upload{EXTENSIONS[kind]}", File(upload.file), save=False)
    return attachment


def new_lookup_link(submission: OnlineSubmission) -> str:
    """A further private link for someone who lost theirs (the old ones keep working)."""
    token = secrets.token_urlsafe(32)
    TrackingLink.objects.create(
        submission=submission, token_hash=token_hash(token), origin=TrackingLink.Origin.LOOKUP
    )
    return token


def submission_for_token(token: str) -> OnlineSubmission | None:
    link = (
        TrackingLink.objects.select_related("submission__application__agency")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return link.submission if link is not None else None
