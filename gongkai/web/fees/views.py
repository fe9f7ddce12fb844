"""Thin views: the fee panel's forms post here, the services decide, the case page shows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.applications.roles import ACTION_LABELS, Action
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.schedules import FeeMethod
from gongkai.web.agencies.access import readable_agencies
from gongkai.web.applications.letter_files import letter_download
from gongkai.web.applications.models import Application
from gongkai.web.fees import forms as fee_forms
from gongkai.web.fees import services
from gongkai.web.fees.models import FeeCharge
from gongkai.web.fees.statistics import fee_figures

TAG = "fees"  # the panel shows only its own messages


def case_url(pk: int) -> str:
    try:
        return reverse("applications:detail", args=[pk])
    except NoReverseMatch:
        return reverse("fees:index")


def _application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(Application, pk=pk, agency__in=readable_agencies(request.user))


Step = Callable[[Any, int, dict[str, Any]], object]


def _step(
    form_class: type[forms.Form], action: Action, run: Step
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        app = _application(request, pk)
        form = form_class(request.POST)
        if not form.is_valid():
            errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
            messages.error(request, f"{ACTION_LABELS[action]}：{errors}", extra_tags=TAG)
        else:
            try:
                run(request.user, app.pk, form.cleaned_data)
            except GongkaiError as refused:
                messages.error(request, f"{ACTION_LABELS[action]}：{refused}", extra_tags=TAG)
            else:
                messages.success(request, f"已{ACTION_LABELS[action]}", extra_tags=TAG)
        return HttpResponseRedirect(case_url(app.pk) + "#fee-panel")

    return view


def _assess(user: Any, pk: int, data: dict[str, Any]) -> object:
    return services.assess_fee(
        user, pk, on=data["on"], method=FeeMethod(data["method"]), pages=data.get("pages")
    )


def _issue(user: Any, pk: int, data: dict[str, Any]) -> object:
    return services.issue_fee_notice(user, pk, on=data["on"], received_on=data.get("received_on"))


def _receipt(user: Any, pk: int, data: dict[str, Any]) -> object:
    return services.record_fee_notice_receipt(user, pk, on=data["on"])


def _payment(user: Any, pk: int, data: dict[str, Any]) -> object:
    return services.record_fee_payment(
        user, pk, on=data["on"], amount=data["amount"], receipt_number=data["receipt_number"]
    )


def _lapse(user: Any, pk: int, data: dict[str, Any]) -> object:
    return services.lapse_fee(user, pk, on=data["on"])


assess = _step(fee_forms.AssessForm, Action.ASSESS_FEE, _assess)
issue = _step(fee_forms.IssueForm, Action.ISSUE_FEE_NOTICE, _issue)
receipt = _step(fee_forms.ReceiptForm, Action.RECORD_FEE_NOTICE_RECEIPT, _receipt)
payment = _step(fee_forms.PaymentForm, Action.RECORD_FEE_PAYMENT, _payment)
lapse = _step(fee_forms.LapseForm, Action.LAPSE_FEE, _lapse)


@login_required
def notice_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The fee panel's link to the notice: the letter's own download (one letter system)."""
    app = _application(request, pk)
    notice = services.notice_letter(app.pk)
    if notice is None or fmt not in ("docx", "pdf"):
        raise Http404("没有该收费通知书")
    return letter_download(notice, fmt)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Fees of the agencies the user can read, for one year, with the section 六 figures."""
    year = _year(request.GET.get("year"))
    agencies = list(readable_agencies(request.user))
    charges = (
        FeeCharge.objects.filter(application__agency__in=agencies, assessed_on__year=year)
        .select_related("application", "application__agency")
        .order_by("-assessed_on", "-pk")
    )
    context = {
        "year": year,
        "charges": charges,
        "figures": [(agency, fee_figures(agency, year)) for agency in agencies],
    }
    return render(request, "fees/index.html", context)


def _year(raw: str | None) -> int:
    today: date = timezone.localdate()
    try:
        year = int(raw) if raw else today.year
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year
