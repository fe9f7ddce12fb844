"""Staff pages: the work queue, registration per channel, the case page with the forms of
the allowed steps, and the case's letters. Views are thin: forms call the services, which
guard every rule; a refused step shows the service's Chinese message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.channels import (
    CHANNEL_LABELS,
    DAY0_RULES,
    INTAKE_LABELS,
    INTAKE_RECORDS,
    IntakeForm,
)
from gongkai.core.applications.outcomes import OUTCOME_LABELS, outcome_row_label
from gongkai.core.applications.roles import ACTION_ROLES, Action, Role, require_role
from gongkai.core.applications.statuses import GROUP_LABELS, STATUS_LABELS, Group, group_of
from gongkai.core.errors import GongkaiError
from gongkai.core.letters.html import letter_html
from gongkai.web.agencies.access import readable_agencies, request_memberships, roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import casepage
from gongkai.web.applications.answer_clock import days_left
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.forms import STEP_FORMS, StepForm
from gongkai.web.applications.intake import STAFF_FORMS, RegistrationForm
from gongkai.web.applications.letter_files import letter_download
from gongkai.web.applications.letters import letter_text
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.queue import (
    QueueFilter,
    due_soon_wd,
    filtered_cases,
    page_size,
    queue_rows,
)
from gongkai.web.applications.queue_table import queue_table
from gongkai.web.applications.views_attachments import case_files


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    memberships = request_memberships(request)
    agencies = memberships.staff_agency_ids()  # as staff_agencies(), from the request's rows
    today = timezone.localdate()
    form = QueueFilter(agencies, request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if request.GET.get("show") == "all":  # the old link
        data = {**data, "group": "all"}
    page = Paginator(filtered_cases(agencies, data, today), page_size()).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    registering = ACTION_ROLES[Action.REGISTER]
    context = {
        "agencies": list(Agency.objects.filter(pk__in=agencies)) if agencies else [],
        "form": form,
        "page": page,
        "rows": queue_table(queue_rows(list(page.object_list), today)),
        "today": today,
        "soon": due_soon_wd(),
        "query": query.urlencode(),
        "can_register": any(role in registering for _, role, _, _ in memberships.rows),
    }
    return render(request, "applications/queue.html", context)


def _registering_agencies(request: HttpRequest) -> object:
    roles = [r.value for r in ACTION_ROLES[Action.REGISTER]]
    return Agency.objects.filter(
        memberships__user_id=request.user.pk, memberships__role__in=roles
    ).distinct()


@login_required
def register_choose(request: HttpRequest) -> HttpResponse:
    forms = [(f.value, INTAKE_LABELS[f], INTAKE_RECORDS[f]) for f in STAFF_FORMS]
    return render(request, "applications/register_choose.html", {"forms": forms})


@login_required
def register(request: HttpRequest, intake: str) -> HttpResponse:
    try:
        form_kind = IntakeForm(intake)
    except ValueError:
        raise Http404("没有这种收件方式") from None
    if form_kind not in STAFF_FORMS:
        raise Http404("网上申请由申请人在公开平台提交")
    agencies = _registering_agencies(request)
    if not agencies.exists():  # type: ignore[attr-defined]
        raise HttpForbidden("您没有登记申请的岗位")
    form = RegistrationForm(form_kind, agencies, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            app = form.register(request.user)
        except GongkaiError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记申请 {app.number}")
            return redirect("applications:detail", app.pk)
    context = {
        "form": form,
        "intake_label": INTAKE_LABELS[form_kind],
        "records": INTAKE_RECORDS[form_kind],
    }
    return render(
        request, "applications/register.html", context, status=400 if form.errors else 200
    )


def _readable_case(request: HttpRequest, pk: int, *prefetch: str) -> Application:
    """The case if the user may read it (as :func:`readable_agencies`), else 404; checked
    against the request's memberships, which the page then reads its roles from."""
    app = (
        Application.objects.select_related("agency", "handler", "assigned_unit")
        .filter(pk=pk)
        .first()
    )
    if app is None or not request_memberships(request).may_read(app.agency):
        raise Http404("没有找到该申请")
    if prefetch:
        prefetch_related_objects([app], *prefetch)
    return app


def _case_page(
    request: HttpRequest, app: Application, bound: StepForm | None = None, status: int = 200
) -> HttpResponse:
    roles = request_memberships(request).roles_in(app.agency_id)
    group = group_of(app.status_enum)
    outcome = app.outcome_enum
    today = timezone.localdate()
    forms = casepage.step_forms(app, roles, bound)
    # A refused step whose form is not offered (wrong role or status): show why at the top.
    refusal = [str(e) for e in bound.non_field_errors()] if bound and bound not in forms else []
    context = {
        "app": app,
        "refusal": refusal,
        "status_label": STATUS_LABELS[app.status_enum],
        "group_label": GROUP_LABELS[group],
        "channel_label": CHANNEL_LABELS[app.channel_enum],
        "intake_label": INTAKE_LABELS.get(IntakeForm(app.intake_form), "")
        if app.intake_form
        else "",
        "day0_rule": DAY0_RULES[app.channel_enum],
        "applicant_label": APPLICANT_LABELS[app.applicant_type_enum],
        "applicant": casepage.applicant_view(app, roles),
        "outcome_label": OUTCOME_LABELS[outcome] if outcome else "",
        "outcome_row": (
            outcome_row_label(outcome, procedure_rules().outcome_rows) if outcome else ""
        ),
        "days_left": days_left(today, app.due_date) if group is Group.ACTIVE else None,
        "explanation": casepage.due_explanation(app, today),
        "events": app.events.select_related("actor"),
        "consultations": app.consultations.all(),
        "assignments": app.assignments.select_related("unit"),
        "letters": app.letters.all(),
        "files": case_files(app),
        "services": app.services.select_related("letter"),
        "step_forms": forms,
        "read_only": not roles - {Role.SUPERVISOR},
        "viewer_roles": roles,  # for {% released_panel %}: not asked of the database again
    }
    return render(request, "applications/case.html", context, status=status)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The due date's explanation, the clock behind it and the page's table each read the
    # consultations: one query instead of three.
    return _case_page(request, _readable_case(request, pk, "consultations"))


@login_required
@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = _readable_case(request, pk)
    try:
        step = Action(action)
        form_class = STEP_FORMS[step]
    except (ValueError, KeyError):
        raise Http404("没有这个办理环节") from None
    if request.FILES:  # an uploaded file is looked at only once the role allows the step
        try:
            require_role(step, roles_of(request.user, app.agency_id))
        except GongkaiError as exc:
            messages.error(request, str(exc))
            return redirect("applications:detail", pk)
    form = form_class(app, request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, app, form, status=400)
    try:
        form.call(request.user)
    except GongkaiError as exc:
        form.add_error(None, str(exc))
        return _case_page(request, _readable_case(request, pk), form, status=400)
    messages.success(request, f"已办理：{form.title}")
    return redirect(reverse("applications:detail", args=[pk]) + "#timeline")


def _readable_letter(request: HttpRequest, letter_id: int) -> Letter:
    # A letter of a case, or the notice of a §41 correction request (no case): either way
    # of an agency the user may read.
    readable = readable_agencies(request.user)
    return get_object_or_404(
        Letter.objects.select_related("application", "correction_request"),
        Q(application__agency__in=readable) | Q(correction_request__agency__in=readable),
        pk=letter_id,
    )


@login_required
def letter_preview(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _readable_letter(request, letter_id)
    body = letter_html(letter_text(letter), standalone=False)
    return render(request, "applications/letter.html", {"letter": letter, "body": body})


@login_required
def letter_file(request: HttpRequest, letter_id: int, fmt: str) -> FileResponse:
    letter = _readable_letter(request, letter_id)
    if fmt not in ("docx", "pdf"):
        raise Http404("没有这种文件格式")
    return letter_download(letter, fmt)
