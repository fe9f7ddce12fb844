"""The applicant's pages: agencies, the online form, the receipt, lookup and status.

Thin: the form checks the fields, :mod:`antispam` the robots, :mod:`services` creates the
application, :mod:`presenting` decides what the applicant sees.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_http_methods

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.errors import GongkaiError
from gongkai.core.portal.attachments import ACCEPTED_LABEL
from gongkai.core.portal.identifiers import ID_DOCUMENT_LABELS
from gongkai.core.portal.masking import last4
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.letter_files import ensure_letter_files
from gongkai.web.portal import antispam
from gongkai.web.portal.config import attachment_limits, rate, setting
from gongkai.web.portal.forms import ApplyForm, LookupForm, describe_errors
from gongkai.web.portal.http import agency_contact, page, private, too_many
from gongkai.web.portal.models import OnlineSubmission
from gongkai.web.portal.presenting import receipt_context, status_context
from gongkai.web.portal.services import (
    OnlineApplication,
    Upload,
    new_lookup_link,
    submission_for_token,
    submit_online,
)

WRONG_ANSWER = "验证问题回答不正确，请重新作答"


def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.filter(online_intake__accepts=True).order_by("name")
    return page(request, "portal/agency_list.html", {"agencies": agencies})


def _spam_context(ticket: str, key: str) -> dict[str, Any]:
    question, challenge = antispam.issue_challenge(key)
    return {"ticket": ticket, "challenge": challenge, "question": question}


def _apply_page(
    request: HttpRequest, agency: Agency, form: ApplyForm, ticket: str, status: int = 200
) -> HttpResponse:
    _, key = antispam.renewed_ticket(ticket)
    describe_errors(form)
    context = {
        "agency": agency,
        "form": form,
        "limits": attachment_limits(),
        "accepted": ACCEPTED_LABEL,
        "natural_person": ApplicantType.NATURAL_PERSON.value,
        **_spam_context(ticket, key),
    }
    return page(request, "portal/apply.html", context, status=status)


@private
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id, online_intake__accepts=True)
    if request.method != "POST":
        return _apply_page(request, agency, ApplyForm(), antispam.issue_ticket())
    # Only accepted applications are counted (below), never a refused or mistyped post.
    if antispam.honeypot_filled(request):
        return page(request, "portal/rejected.html", agency_contact(agency), status=400)
    form = ApplyForm(request.POST, request.FILES)
    ticket_value, _ = antispam.renewed_ticket(request.POST.get("ticket", ""))
    valid = form.is_valid()
    try:
        ticket = antispam.read_ticket(request.POST.get("ticket", ""))
    except antispam.SpamCheckFailed as exc:
        form.add_error(None, str(exc))
        return _apply_page(request, agency, form, ticket_value, status=400)
    if "challenge_answer" not in form.errors and not antispam.challenge_passed(
        request.POST.get("challenge", ""), ticket.key, request.POST.get("challenge_answer", "")
    ):
        form.add_error("challenge_answer", WRONG_ANSWER)
        valid = False
    if not valid:
        return _apply_page(request, agency, form, ticket_value)
    limits = antispam.submission_limits(request, form.cleaned_data)
    replay = OnlineSubmission.objects.filter(idempotency_key=ticket.key).exists()
    if not replay and (exhausted := antispam.first_exhausted(limits)) is not None:
        limit, check = exhausted
        return too_many(
            request, check, limit.rate, "提交网上申请", counted=limit.what, agency=agency
        )
    try:
        submitted = submit_online(
            agency,
            _content(form.cleaned_data),
            [Upload(kind, upload) for kind, upload in form.uploads()],
            idempotency_key=ticket.key,
            client=antispam.client_key(request),
            link_base=_link_base(request),
        )
    except GongkaiError as exc:
        form.add_error(None, str(exc))
        return _apply_page(request, agency, form, ticket_value)
    if submitted.created:  # a second click of the same form is the same application
        antispam.count_accepted(limits)
    return redirect("portal:receipt", token=submitted.token)


def _content(data: dict[str, Any]) -> OnlineApplication:
    kind = ApplicantType(data["applicant_type"])
    person = kind is ApplicantType.NATURAL_PERSON
    doc_type = data.get("id_document_type", "") if person else ""
    return OnlineApplication(
        applicant_type=kind,
        applicant_name=data["person_name"] if person else data["org_name"],
        description=data["description"],
        requested_form=data["requested_form"],
        delivery=data["delivery"],
        id_document_type=doc_type,
        id_document=f"{ID_DOCUMENT_LABELS[doc_type]} {data['id_number']}" if person else "",
        credit_code="" if person else data["credit_code"],
        contact_person="" if person else data["contact_person"],
        contact_phone=data.get("contact_phone", ""),
        contact_address=data.get("contact_address", ""),
        contact_email=data.get("contact_email", ""),
        purpose=data.get("purpose", ""),
    )


def _link_base(request: HttpRequest) -> str:
    base = str(setting("GONGKAI_PUBLIC_URL")).rstrip("/")
    track_root = reverse("portal:lookup")
    return f"{base}{track_root}" if base else request.build_absolute_uri(track_root)


def _submission(token: str) -> OnlineSubmission:
    submission = submission_for_token(token)
    if submission is None:
        raise Http404("查询链接无效")
    return submission


@private
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    submission = _submission(token)
    context = {
        **receipt_context(submission),
        "link": request.build_absolute_uri(reverse("portal:track", args=[token])),
        "token": token,
    }
    return page(request, "portal/receipt.html", context)


@private
def track(request: HttpRequest, token: str) -> HttpResponse:
    submission = _submission(token)
    context = {**status_context(submission, timezone.localdate()), "token": token}
    return page(request, "portal/track.html", context)


@private
def letter_file(request: HttpRequest, token: str, letter_id: int, fmt: str) -> FileResponse:
    submission = _submission(token)
    letter = get_object_or_404(
        submission.application.letters, pk=letter_id, issued_on__isnull=False
    )
    letter = ensure_letter_files(letter)  # demo or queued letters render on first download
    stored = letter.pdf if fmt == "pdf" else letter.docx
    if not stored:
        raise Http404("文书文件尚在生成，请稍后再试")
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{letter.title}.{fmt}")


def _lookup_page(
    request: HttpRequest, form: LookupForm, ticket: str, status: int = 200
) -> HttpResponse:
    _, key = antispam.renewed_ticket(ticket)
    describe_errors(form)
    return page(request, "portal/lookup.html", {"form": form, **_spam_context(ticket, key)}, status)


def _matches(submission: OnlineSubmission, typed: str) -> bool:
    app = submission.application
    values = (app.contact_phone, app.id_document, app.credit_code)
    # Compare against every candidate, so the time taken does not tell which one matched.
    found = [constant_time_compare(last4(v), typed) for v in values if len(last4(v)) == 4]
    return any(found)


@private
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _lookup_page(request, LookupForm(), antispam.issue_ticket())
    limit = rate("GONGKAI_PORTAL_LOOKUP_RATE")
    check = antispam.hit("lookup", antispam.client_key(request), limit)
    if not check.allowed:
        return too_many(request, check, limit, "查询申请", counted="本网络地址")
    if antispam.honeypot_filled(request):
        return page(request, "portal/rejected.html", {}, status=400)
    form = LookupForm(request.POST)
    ticket_value, _ = antispam.renewed_ticket(request.POST.get("ticket", ""))
    valid = form.is_valid()
    try:
        ticket = antispam.read_ticket(request.POST.get("ticket", ""))
    except antispam.SpamCheckFailed as exc:
        form.add_error(None, str(exc))
        return _lookup_page(request, form, ticket_value, status=400)
    if "challenge_answer" not in form.errors and not antispam.challenge_passed(
        request.POST.get("challenge", ""), ticket.key, request.POST.get("challenge_answer", "")
    ):
        form.add_error("challenge_answer", WRONG_ANSWER)
        valid = False
    if not valid:
        return _lookup_page(request, form, ticket_value)
    number = form.cleaned_data["tracking_number"]
    number_limit = rate("GONGKAI_PORTAL_LOOKUP_NUMBER_RATE")
    number_key = antispam.hashed(number)
    if not antispam.peek("lookup-number", number_key, number_limit):
        check = antispam.RateCheck(False, number_limit.retry_after(timezone.now().timestamp()))
        return too_many(request, check, number_limit, "查询该查询号")
    submission = (
        OnlineSubmission.objects.select_related("application")
        .filter(tracking_number=number)
        .first()
    )
    if submission is None or not _matches(submission, form.cleaned_data["last4"]):
        antispam.hit("lookup-number", number_key, number_limit)
        form.add_error(None, "查询号与后4位不匹配，请核对后重试")
        return _lookup_page(request, form, ticket_value)
    return redirect("portal:track", token=new_lookup_link(submission))
