"""Staff pages of 复议/诉讼 cases: the list per agency and year with its 表四, and the forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.core.remedies.actions import may_act
from gongkai.core.remedies.kinds import CASE_KIND_LABELS, ORDERS_NEW_ANSWER, CaseKind, ResultKind
from gongkai.core.remedies.mapping import COLUMN_LABELS, YEAR_RULE_LABELS
from gongkai.core.remedies.table4 import PENDING, leaf_for
from gongkai.core.report.labels import T4_BLOCK_LABELS, T4_BLOCKS, T4_LEAF_LABELS, T4_LEAVES
from gongkai.web.agencies.access import readable_agencies, roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, Reanswer
from gongkai.web.remedies import services
from gongkai.web.remedies.forms import CaseForm, EditForm, ReanswerForm, ResultForm
from gongkai.web.remedies.models import RemedyCase
from gongkai.web.remedies.statistics import record_of, remedy_rules, table4_for

LEAF_LABELS = {**{c.value: label for c, label in COLUMN_LABELS.items()}, PENDING: "尚未审结"}


def _year(raw: str | None) -> int:
    today: date = timezone.localdate()
    try:
        year = int(raw) if raw else today.year
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _acting_agencies(request: HttpRequest) -> QuerySet[Agency]:
    readable = readable_agencies(request.user)
    ids = [a.pk for a in readable if may_act(roles_of(request.user, a))]
    return Agency.objects.filter(pk__in=ids)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    agencies = list(readable_agencies(request.user))
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), None)
    agency = chosen or next((a for a in agencies if may_act(roles_of(request.user, a))), None)
    agency = agency or (agencies[0] if agencies else None)
    context: dict[str, Any] = {"year": year, "agencies": agencies, "agency": agency}
    if agency is not None:
        rules = remedy_rules()
        table = table4_for(agency, year)
        candidates = RemedyCase.objects.filter(agency=agency, filed_on__year__lte=year)
        cases = [
            (case, LEAF_LABELS[leaf])
            for case in candidates.select_related("application")
            if (leaf := leaf_for(record_of(case), year, rules.columns, rules.year_rule))
        ]
        context |= {
            "cases": cases,
            "blocks": [
                (
                    T4_BLOCK_LABELS[block],
                    [table[f"{block}_{leaf}"] for leaf in (*T4_LEAVES, "total")],
                )
                for block in T4_BLOCKS
            ],
            "leaf_labels": [T4_LEAF_LABELS[leaf] for leaf in (*T4_LEAVES, "total")],
            "year_rule": YEAR_RULE_LABELS[rules.year_rule],
            "may_act": may_act(roles_of(request.user, agency)),
        }
    return render(request, "remedies/index.html", context)


def _case(request: HttpRequest, pk: int) -> RemedyCase:
    return get_object_or_404(
        RemedyCase.objects.select_related("agency", "application", "review_case"),
        pk=pk,
        agency__in=readable_agencies(request.user),
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    agencies = _acting_agencies(request)
    form = CaseForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency: Agency = data["agency"]
        try:
            application_id = _application_id(agency, data["application_number"])
            review = data["review_case"]
            case = services.file_case(
                request.user,
                agency,
                kind=CaseKind(data["kind"]),
                filed_on=data["filed_on"],
                claimant=data["claimant"],
                forum=data["forum"],
                case_number=data["case_number"],
                application_id=application_id,
                review_case_id=review.pk if review else None,
                concerned_act=data["concerned_act"],
                review_first_override=data["review_first_override"],
            )
        except GongkaiError as refused:
            form.add_error(None, str(refused))
        else:
            return HttpResponseRedirect(reverse("remedies:detail", args=[case.pk]))
    return render(request, "remedies/form.html", {"form": form, "title": "登记复议、诉讼案件"})


def _application_id(agency: Agency, number: str) -> int | None:
    number = number.strip()
    if not number:
        return None
    app = Application.objects.filter(agency=agency, number=number).first()
    if app is None:
        raise GongkaiError(f"本机关没有编号为{number}的申请")
    return app.pk


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    acting = may_act(roles_of(request.user, case.agency_id))
    rules = remedy_rules()
    result = case.result_enum
    context = {
        "case": case,
        "events": case.events.select_related("actor"),
        "later_suits": case.later_suits.all(),
        "result_form": ResultForm(kind=case.kind_enum) if acting else None,
        "may_act": acting,
        "column": COLUMN_LABELS[rules.columns[result]] if result else "尚未审结",
        "kinds": CASE_KIND_LABELS,
        **_reanswer_context(case, acting),
    }
    return render(request, "remedies/detail.html", context)


def _reanswer_context(
    case: RemedyCase, acting: bool, form: ReanswerForm | None = None
) -> dict[str, Any]:
    """The re-answers this case ordered, and the form to record one where its result may
    order it (ORDERS_NEW_ANSWER) and it concerns an application."""
    orders = Reanswer.objects.filter(remedy_case_id=case.pk).select_related("application")
    may_order = acting and case.application_id is not None and case.result_enum in ORDERS_NEW_ANSWER
    return {
        "reanswers": orders,
        "reanswer_form": (form or ReanswerForm()) if may_order else None,
    }


@login_required
@require_POST
def reanswer(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = ReanswerForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.order_reanswer(
                request.user,
                case.pk,
                on=form.cleaned_data["on"],
                set_due=form.cleaned_data["set_due"],
            )
        except GongkaiError as refused:
            error = str(refused)
    else:
        error = "；".join(str(e) for errs in form.errors.values() for e in errs)
    if not error:
        return HttpResponseRedirect(reverse("remedies:detail", args=[case.pk]))
    acting = may_act(roles_of(request.user, case.agency_id))
    context = {
        "case": case,
        "events": case.events.select_related("actor"),
        "later_suits": case.later_suits.all(),
        "result_form": ResultForm(kind=case.kind_enum) if acting else None,
        "may_act": acting,
        "column": "",
        "error": error,
        "kinds": CASE_KIND_LABELS,
        **_reanswer_context(case, acting, form),
    }
    return render(request, "remedies/detail.html", context, status=400)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    initial = {name: getattr(case, name) for name in services.DETAIL_FIELDS}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(
                request.user, case.pk, on=timezone.localdate(), **form.cleaned_data
            )
        except GongkaiError as refused:
            form.add_error(None, str(refused))
        else:
            return HttpResponseRedirect(reverse("remedies:detail", args=[case.pk]))
    title = f"修改案件信息：{case.case_number or case.claimant}"
    return render(request, "remedies/form.html", {"form": form, "title": title, "case": case})


@login_required
@require_POST
def result(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = ResultForm(request.POST, kind=case.kind_enum)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_result(
                request.user,
                case.pk,
                result=ResultKind(data["result"]),
                result_on=data["result_on"],
                note=data["note"],
            )
        except GongkaiError as refused:
            error = str(refused)
    else:
        error = "；".join(str(e) for errs in form.errors.values() for e in errs)
    if not error:
        return HttpResponseRedirect(reverse("remedies:detail", args=[case.pk]))
    context = {
        "case": case,
        "events": case.events.select_related("actor"),
        "later_suits": case.later_suits.all(),
        "result_form": form,
        "may_act": True,
        "column": "",
        "error": error,
        "kinds": CASE_KIND_LABELS,
    }
    return render(request, "remedies/detail.html", context, status=400)
