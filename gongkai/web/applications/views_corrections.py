"""Staff pages of §41 更正 requests: the list, registration, and the request's page with
the decision form, its notice and its trail. Thin: the services guard every rule and a
refusal shows their Chinese message. Another agency's request is a 404, as a case is."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.applications.record_corrections import (
    CORRECTION_STEP_ROLES,
    CorrectionStep,
)
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.access import readable_agencies, roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import correcting
from gongkai.web.applications.correction_requests import CorrectionRequest
from gongkai.web.applications.forms_corrections import (
    CorrectionDecisionForm,
    CorrectionRequestForm,
)


def _may(request: HttpRequest, step: CorrectionStep, agency: Agency | int) -> bool:
    return bool(CORRECTION_STEP_ROLES[step] & roles_of(request.user, agency))


def _registering_agencies(request: HttpRequest) -> QuerySet[Agency]:
    readable = readable_agencies(request.user)
    ids = [a.pk for a in readable if _may(request, CorrectionStep.REGISTER, a)]
    return Agency.objects.filter(pk__in=ids)


def _readable_request(request: HttpRequest, pk: int) -> CorrectionRequest:
    return get_object_or_404(
        CorrectionRequest.objects.select_related("agency"),
        pk=pk,
        agency__in=readable_agencies(request.user),
    )


@login_required
def correction_list(request: HttpRequest) -> HttpResponse:
    rows = CorrectionRequest.objects.filter(agency__in=readable_agencies(request.user))
    context: dict[str, Any] = {
        "requests": rows.select_related("agency")[:500],
        "may_register": _registering_agencies(request).exists(),
    }
    return render(request, "applications/corrections.html", context)


@login_required
def correction_new(request: HttpRequest) -> HttpResponse:
    agencies = _registering_agencies(request)
    form = CorrectionRequestForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = correcting.register_correction(
                request.user,
                data["agency"],
                arrived_on=data["arrived_on"],
                applicant_type=data["applicant_type"],
                applicant_name=data["applicant_name"],
                contact=data["contact"],
                record=data["record"],
                requested=data["requested"],
                evidence=data["evidence"],
            )
        except GongkaiError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"已登记更正申请 {created.number}")
            return redirect("applications:correction", created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "applications/correction_new.html", {"form": form}, status=status)


def _page(
    request: HttpRequest,
    found: CorrectionRequest,
    form: CorrectionDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_decide = not found.decision and _may(request, CorrectionStep.DECIDE, found.agency_id)
    context: dict[str, Any] = {
        "correction": found,
        "events": found.events.select_related("actor"),
        "letters": found.letters.all(),
        "form": (form or CorrectionDecisionForm()) if may_decide else None,
    }
    return render(request, "applications/correction.html", context, status=status)


@login_required
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _readable_request(request, pk))


@login_required
@require_POST
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = _readable_request(request, pk)
    form = CorrectionDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, found, form, status=400)
    data = form.cleaned_data
    try:
        correcting.decide_correction(
            request.user,
            found.pk,
            on=data["on"],
            decision=data["decision"],
            reasons=data["reasons"],
            corrected_to=data["corrected_to"],
            competent_agency=data["competent_agency"],
        )
    except GongkaiError as refused:
        form.add_error(None, str(refused))
        return _page(request, _readable_request(request, pk), form, status=400)
    messages.success(request, "已作出决定并出具更正申请处理告知书")
    return redirect("applications:correction", pk)
