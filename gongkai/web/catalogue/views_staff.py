"""Staff pages: items and their review steps, normative documents, the business-figure import,
new media and the guide. Thin: parse the form, call one service, show its Chinese error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.catalogue.business import FIGURE_LABELS
from gongkai.core.catalogue.guide import GUIDE_PARTS
from gongkai.core.catalogue.normative import DocumentKind
from gongkai.core.catalogue.permissions import CatalogueAction, may, require_catalogue_role
from gongkai.core.catalogue.statuses import STATUS_LABELS, ItemStatus
from gongkai.core.catalogue.table2 import fen_to_wan_yuan
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.access import roles_of, staff_agencies
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue import records, replacements, services
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.forms import (
    AccountForm,
    AttachmentForm,
    DayForm,
    DocumentForm,
    GuideForm,
    ImportForm,
    ItemForm,
    PostsForm,
    ReassessForm,
    ReplaceForm,
    ReviewForm,
)
from gongkai.web.catalogue.models import (
    BusinessImport,
    CatalogueItem,
    ItemAttachment,
    NewMediaAccount,
    NormativeDocument,
    PortalGuide,
)
from gongkai.web.catalogue.replacements import pending_replacement
from gongkai.web.catalogue.statistics import table2_for
from gongkai.web.catalogue.transitions import passed_steps
from gongkai.web.catalogue.views_public import attachment_response, guide_defaults


def _agency(request: HttpRequest, agency_id: int) -> Agency:
    try:
        return staff_agencies(request.user).get(pk=agency_id)
    except Agency.DoesNotExist:
        raise Http404("没有该机关的办理岗位") from None


def _item(request: HttpRequest, pk: int) -> CatalogueItem:
    return get_object_or_404(
        CatalogueItem.objects.select_related("agency"),
        pk=pk,
        agency__in=staff_agencies(request.user),
    )


def _attempt(request: HttpRequest, step: Callable[[], Any], success: str) -> bool:
    try:
        step()
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


def _may_upload(request: HttpRequest, agency_id: int, action: CatalogueAction) -> bool:
    """The role check before an upload is read (the service checks again, under its lock)."""
    try:
        require_catalogue_role(action, roles_of(request.user, agency_id))
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return False
    return True


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    agencies = list(staff_agencies(request.user))
    if len(agencies) == 1:
        return redirect("catalogue:dashboard", agencies[0].pk)
    return render(request, "catalogue/staff/choose.html", {"agencies": agencies})


def _year_param(request: HttpRequest, default: int) -> int:
    """``?year=`` as a year the 条例 can have a report for (2008 on); anything else: default."""
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 2008 <= year <= timezone.localdate().year + 1 else default


@login_required
def dashboard(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    today = timezone.localdate()
    items = CatalogueItem.objects.filter(agency=agency)
    counts = {STATUS_LABELS[s]: items.filter(status=s.value).count() for s in ItemStatus}
    year = _year_param(request, today.year - 1)
    return render(
        request,
        "catalogue/staff/dashboard.html",
        {
            "agency": agency,
            "today": today,
            "counts": counts,
            "in_review": items.filter(status=ItemStatus.IN_REVIEW.value),
            "overdue_publications": services.overdue_publications(agency, today),
            "overdue_reassessments": services.overdue_reassessments(agency, today),
            "year": year,
            "table2": table2_for(agency, year),
        },
    )


@login_required
def item_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    status = request.GET.get("status", "")
    items = CatalogueItem.objects.filter(agency=agency).defer("body", "search_tokens")
    if status in {s.value for s in ItemStatus}:
        items = items.filter(status=status)
    tree = catalogue_rules().tree
    return render(
        request,
        "catalogue/staff/items.html",
        {
            "agency": agency,
            "items": items[:500],
            "status": status,
            "statuses": [(s.value, STATUS_LABELS[s]) for s in ItemStatus],
            "labels": {c.code: c.label for _, c in tree.ordered()},
        },
    )


@login_required
def item_new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    today = timezone.localdate()
    form = ItemForm(
        request.POST or None,
        initial={"generated_on": today, "formed_on": today, "attribute": "proactive"},
    )
    if request.method == "POST" and form.is_valid():
        created: list[CatalogueItem] = []
        if _attempt(
            request,
            lambda: created.append(
                services.draft_item(request.user, agency, form.item_fields())  # type: ignore[arg-type]
            ),
            "已起草，索引号已生成",
        ):
            return redirect("catalogue:item", created[0].pk)
    return render(request, "catalogue/staff/item_form.html", {"agency": agency, "form": form})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    initial = {f: getattr(item, f) for f in services.EDITABLE_FIELDS}
    form = ItemForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            request,
            lambda: services.edit_item(
                request.user,  # type: ignore[arg-type]
                item.pk,
                form.item_fields(),
                on=timezone.localdate(),
            ),
            "已保存",
        )
    ):
        return redirect("catalogue:item", item.pk)
    return render(
        request,
        "catalogue/staff/item_form.html",
        {"agency": item.agency, "form": form, "item": item},
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    held = roles_of(request.user, item.agency_id)
    pipeline = catalogue_rules().pipeline
    passed = passed_steps(item)
    in_review = item.status_enum is ItemStatus.IN_REVIEW
    pending = pending_replacement(item) if item.status_enum is ItemStatus.PUBLISHED else None
    open_steps = pipeline.open_steps(passed) if in_review or pending else []
    return render(
        request,
        "catalogue/staff/item.html",
        {
            "agency": item.agency,
            "item": item,
            "category": catalogue_rules().tree.label_path(item.category)
            if item.category in catalogue_rules().tree
            else item.category,
            "events": item.events.select_related("actor"),
            "attachments": item.attachments.defer("content"),
            "pending": pending,
            "can_replace": item.status_enum in (ItemStatus.DRAFT, ItemStatus.PUBLISHED)
            and pending is None,
            "pipeline": [(s, s.key in passed) for s in pipeline.steps],
            "review_forms": [
                (s, ReviewForm(initial={"step": s.key}, auto_id=f"id_{s.key}_%s"))
                for s in open_steps
                if s.roles & held
            ],
            "can_publish": in_review and pipeline.complete(passed),
            "can_publish_replacement": pending is not None and pipeline.complete(passed),
            "may": {a.value: may(a, held) for a in CatalogueAction},
            "day_form": DayForm(),
            "reassess_form": ReassessForm(),
            "attachment_form": AttachmentForm(),
            "today": timezone.localdate(),
        },
    )


def _attachment(request: HttpRequest, pk: int, file_id: int) -> ItemAttachment:
    return get_object_or_404(
        ItemAttachment.objects.select_related("item__agency", "replaces").defer(
            "replaces__content"
        ),
        pk=file_id,
        item_id=pk,
        item__agency__in=staff_agencies(request.user),
    )


@login_required
def item_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    """Any file of the item, replaced or awaiting review too: reviewers read what they pass."""
    return attachment_response(_attachment(request, pk, file_id))


@login_required
def attachment_replace(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    attachment = _attachment(request, pk, file_id)
    item = attachment.item
    form = ReplaceForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and _may_upload(request, item.agency_id, CatalogueAction.ATTACH)
        and form.is_valid()
    ):
        upload = form.cleaned_data["file"]
        published = item.status_enum is ItemStatus.PUBLISHED
        if _attempt(
            request,
            lambda: replacements.replace_attachment(
                request.user,  # type: ignore[arg-type]
                item.pk,
                attachment.pk,
                filename=upload.name,
                content_type=upload.content_type or "",
                data=upload.read(),
                on=timezone.localdate(),
                note=form.cleaned_data.get("note", ""),
            ),
            "替换附件已提交审核：审核通过并发布后，公开页面才提供新文件"
            if published
            else "附件已替换，原文件已保留",
        ):
            return redirect("catalogue:item", item.pk)
    held = roles_of(request.user, item.agency_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "catalogue/staff/attachment_replace.html",
        {
            "agency": item.agency,
            "item": item,
            "attachment": attachment,
            "form": form,
            "may_replace": may(CatalogueAction.ATTACH, held),
            "pending": pending_replacement(item),
        },
        status=status,
    )


def _day(request: HttpRequest) -> tuple[date, str] | None:
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的日期")
        return None
    return form.cleaned_data["on"], form.cleaned_data.get("note", "")


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item(request, pk)
    user: Any = request.user
    if action == "review":
        form = ReviewForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _attempt(
                request,
                lambda: services.review(
                    user,
                    item.pk,
                    step=data["step"],
                    passed=data["decision"] == "pass",
                    on=timezone.localdate(),
                    note=data.get("note", ""),
                ),
                "审核意见已记录",
            )
        else:
            messages.error(request, "请选择审核意见")
        return redirect("catalogue:item", item.pk)
    if action == "attach":
        if not _may_upload(request, item.agency_id, CatalogueAction.ATTACH):
            return redirect("catalogue:item", item.pk)
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            _attempt(
                request,
                lambda: services.attach(
                    user,
                    item.pk,
                    filename=upload.name,
                    content_type=upload.content_type or "",
                    data=upload.read(),
                    on=timezone.localdate(),
                ),
                "附件已上传",
            )
        else:
            messages.error(request, "请选择要上传的文件")
        return redirect("catalogue:item", item.pk)
    day = _day(request)
    if day is None:
        return redirect("catalogue:item", item.pk)
    on, note = day
    steps: dict[str, tuple[Callable[[], Any], str]] = {
        "submit": (lambda: services.submit(user, item.pk, on=on), "已提交审核"),
        "publish": (lambda: services.publish(user, item.pk, on=on), "已发布到公开目录"),
        "unpublish": (
            lambda: services.unpublish(user, item.pk, on=on, reason=note),
            "已撤回，条目回到起草状态",
        ),
        "record": (lambda: services.record_not_public(user, item.pk, on=on), "已登记"),
        "publish-replacement": (
            lambda: replacements.publish_replacement(user, item.pk, on=on),
            "替换附件已发布，公开页面提供新文件",
        ),
        "reassess": (
            lambda: services.reassess(
                user, item.pk, on=on, disclose=request.POST.get("decision") == "disclose", note=note
            ),
            "复核意见已记录",
        ),
    }
    if action not in steps:
        raise Http404("未知的操作")
    step, success = steps[action]
    _attempt(request, step, success)
    return redirect("catalogue:item", item.pk)


@login_required
def documents(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            request,
            lambda: records.issue_document(
                request.user,  # type: ignore[arg-type]
                agency,
                kind=DocumentKind(data["kind"]),
                title=data["title"],
                document_number=data["document_number"],
                issued_on=data["issued_on"],
            ),
            "已登记",
        ):
            return redirect("catalogue:documents", agency.pk)
    year = _year_param(request, timezone.localdate().year - 1)
    return render(
        request,
        "catalogue/staff/documents.html",
        {
            "agency": agency,
            "form": form,
            "docs": NormativeDocument.objects.filter(agency=agency),
            "doc_actions": (("amend", "修订"), ("repeal", "废止")),
            "year": year,
            "table2": table2_for(agency, year),
        },
    )


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument, pk=pk, agency__in=staff_agencies(request.user))
    day = _day(request)
    if day is not None:
        on, note = day
        service = {"repeal": records.repeal_document, "amend": records.amend_document}.get(action)
        if service is None:
            raise Http404("未知的操作")
        _attempt(
            request,
            lambda: service(request.user, doc.pk, on=on, note=note),  # type: ignore[arg-type]
            "已记录",
        )
    return redirect("catalogue:documents", doc.agency_id)


@login_required
def import_upload(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year - 1}
    )
    check = None
    if (
        request.method == "POST"
        and _may_upload(request, agency.pk, CatalogueAction.IMPORT)
        and form.is_valid()
    ):
        upload = form.cleaned_data["file"]
        try:
            batch, check = records.stage_import(
                request.user,  # type: ignore[arg-type]
                agency,
                year=form.cleaned_data["year"],
                filename=upload.name,
                data=upload.read(),
            )
        except GongkaiError as exc:
            messages.error(request, str(exc))
            batch = None
        if batch is not None:
            return redirect("catalogue:import_preview", batch.pk)
    return render(
        request,
        "catalogue/staff/import.html",
        {
            "agency": agency,
            "form": form,
            "check": check,
            "batches": BusinessImport.objects.filter(agency=agency).defer("content")[:20],
        },
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        BusinessImport.objects.select_related("agency"),
        pk=pk,
        agency__in=staff_agencies(request.user),
    )
    if request.method == "POST" and _attempt(
        request,
        lambda: records.commit_import(request.user, batch.pk),  # type: ignore[arg-type]
        "已导入，表二已按新数据计算",
    ):
        return redirect("catalogue:import_preview", batch.pk)
    check = records.check_upload(bytes(batch.content), batch.filename, batch.year)
    decimals = catalogue_rules().fee_decimals
    totals = [
        (
            FIGURE_LABELS[kind],
            fen_to_wan_yuan(value, decimals) + " 万元"
            if kind.value == "administrative_fees"
            else value,
        )
        for kind, value in check.totals().items()
    ]
    return render(
        request,
        "catalogue/staff/import_preview.html",
        {
            "agency": batch.agency,
            "batch": batch,
            "check": check,
            "labels": {k.value: v for k, v in FIGURE_LABELS.items()},
            "totals": totals,
            "current": table2_for(batch.agency, batch.year),
        },
    )


@login_required
def new_media(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    form = AccountForm(request.POST or None, prefix="account")
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            request,
            lambda: records.save_account(request.user, agency, form.cleaned_data),  # type: ignore[arg-type]
            "账号已登记",
        )
    ):
        return redirect("catalogue:new_media", agency.pk)
    accounts = NewMediaAccount.objects.filter(agency=agency).prefetch_related("yearly_posts")
    return render(
        request,
        "catalogue/staff/new_media.html",
        {
            "agency": agency,
            "form": form,
            "accounts": accounts,
            "posts_form": PostsForm(initial={"year": timezone.localdate().year - 1}),
        },
    )


@login_required
@require_POST
def new_media_posts(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(NewMediaAccount, pk=pk, agency__in=staff_agencies(request.user))
    form = PostsForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: records.set_posts(
                request.user,  # type: ignore[arg-type]
                account.pk,
                year=form.cleaned_data["year"],
                posts=form.cleaned_data["posts"],
            ),
            "发布量已保存",
        )
    else:
        messages.error(request, "请填写有效的年度和发布信息数（不能为负数）")
    return redirect("catalogue:new_media", account.agency_id)


@login_required
def guide_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    saved = PortalGuide.objects.filter(agency=agency).first()
    keys = [key for key, _ in GUIDE_PARTS]
    defaults = guide_defaults(agency)
    initial = {key: getattr(saved, key) for key in keys} if saved else {}
    form = GuideForm(request.POST or None, initial=initial, defaults=defaults)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            request,
            lambda: records.save_guide(request.user, agency, form.cleaned_data),  # type: ignore[arg-type]
            "指南已保存",
        )
    ):
        return redirect("catalogue:guide_edit", agency.pk)
    return render(request, "catalogue/staff/guide_edit.html", {"agency": agency, "form": form})
