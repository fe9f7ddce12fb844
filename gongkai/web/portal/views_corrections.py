"""The applicant's §41 更正 pages: the form, the private status page, the notice's files.

Thin, as the application pages are: the form checks the fields, :mod:`antispam` the robots
(the same ticket, question, honeypot and per-address budget as an application),
:mod:`corrections` registers the request.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correction_requests import CorrectionRequest
from gongkai.web.applications.letter_files import ensure_letter_files
from gongkai.web.portal import antispam
from gongkai.web.portal.correction_form import CorrectionForm
from gongkai.web.portal.corrections import (
    CorrectionContent,
    correction_for_token,
    submit_correction_online,
)
from gongkai.web.portal.forms import describe_errors
from gongkai.web.portal.http import agency_contact, page, private, too_many
from gongkai.web.portal.models import OnlineCorrection
from gongkai.web.portal.views import WRONG_ANSWER


def _form_page(
    request: HttpRequest, agency: Agency, form: CorrectionForm, ticket: str, status: int = 200
) -> HttpResponse:
    _, key = antispam.renewed_ticket(ticket)
    describe_errors(form)
    question, challenge = antispam.issue_challenge(key)
    context: dict[str, Any] = {
        "agency": agency,
        "form": form,
        "ticket": ticket,
        "challenge": challenge,
        "question": question,
    }
    return page(request, "portal/correct.html", context, status=status)


@private
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id, online_intake__accepts=True)
    if request.method != "POST":
        return _form_page(request, agency, CorrectionForm(), antispam.issue_ticket())
    if antispam.honeypot_filled(request):
        return page(request, "portal/rejected.html", agency_contact(agency), status=400)
    form = CorrectionForm(request.POST)
    ticket_value, _ = antispam.renewed_ticket(request.POST.get("ticket", ""))
    valid = form.is_valid()
    try:
        ticket = antispam.read_ticket(request.POST.get("ticket", ""))
    except antispam.SpamCheckFailed as exc:
        form.add_error(None, str(exc))
        return _form_page(request, agency, form, ticket_value, status=400)
    if "challenge_answer" not in form.errors and not antispam.challenge_passed(
        request.POST.get("challenge", ""), ticket.key, request.POST.get("challenge_answer", "")
    ):
        form.add_error("challenge_answer", WRONG_ANSWER)
        valid = False
    if not valid:
        return _form_page(request, agency, form, ticket_value)
    # The address's budget of accepted submissions is the application form's: one office
    # cannot flood the portal by switching forms.
    limits = antispam.submission_limits(request, {})
    replay = OnlineCorrection.objects.filter(idempotency_key=ticket.key).exists()
    if not replay and (exhausted := antispam.first_exhausted(limits)) is not None:
        limit, check = exhausted
        return too_many(
            request, check, limit.rate, "提交更正申请", counted=limit.what, agency=agency
        )
    data = form.cleaned_data
    content = CorrectionContent(
        applicant_type=ApplicantType(data["applicant_type"]),
        applicant_name=data["applicant_name"],
        contact=data["contact"],
        record=data["record"],
        requested=data["requested"],
        evidence=data["evidence"],
    )
    try:
        submitted = submit_correction_online(
            agency, content, idempotency_key=ticket.key, client=antispam.client_key(request)
        )
    except GongkaiError as exc:
        form.add_error(None, str(exc))
        return _form_page(request, agency, form, ticket_value)
    if submitted.created:
        antispam.count_accepted(limits)
    return redirect("portal:correction", token=submitted.token)


def _correction(token: str) -> CorrectionRequest:
    found = correction_for_token(token)
    if found is None:
        raise Http404("查询链接无效")
    return found


@private
def status(request: HttpRequest, token: str) -> HttpResponse:
    correction = _correction(token)
    letters = correction.letters.filter(issued_on__isnull=False).order_by("issued_on", "pk")
    context = {
        "correction": correction,
        "letters": letters,
        "token": token,
        "link": request.build_absolute_uri(reverse("portal:correction", args=[token])),
    }
    return page(request, "portal/correction_status.html", context)


@private
def letter_file(request: HttpRequest, token: str, letter_id: int, fmt: str) -> FileResponse:
    correction = _correction(token)
    letter = get_object_or_404(correction.letters, pk=letter_id, issued_on__isnull=False)
    letter = ensure_letter_files(letter)
    stored = letter.pdf if fmt == "pdf" else letter.docx
    if not stored:
        raise Http404("文书文件尚在生成，请稍后再试")
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{letter.title}.{fmt}")
