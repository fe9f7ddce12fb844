"""Services for the catalogue's other records: normative documents (issue, amend, repeal),
business-figure imports (stage → preview → commit), new-media accounts and yearly posts, and
the 政府信息公开指南. Each guards, locks, changes and writes a :class:`CatalogueAudit` entry in
one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from gongkai.core.catalogue.attachments import sha256_hex
from gongkai.core.catalogue.business import FigureKind, ImportCheck, RowError, check_rows
from gongkai.core.catalogue.guide import GUIDE_PARTS
from gongkai.core.catalogue.normative import DocumentKind, DocumentLife, check_repeal
from gongkai.core.catalogue.permissions import CatalogueAction, require_catalogue_role
from gongkai.core.catalogue.tabular import read_table
from gongkai.core.errors import GongkaiError
from gongkai.core.uploads import check_content
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import (
    BusinessFigure,
    BusinessImport,
    CatalogueAudit,
    NewMediaAccount,
    NewMediaPosts,
    NormativeDocument,
    PortalGuide,
)
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.guards import GuardFailed, check_day, guard

A = CatalogueAction


def audit(
    actor: AbstractBaseUser | None,
    agency_id: int,
    subject: models.Model,
    action: str,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    append_entry(
        CatalogueAudit,
        agency_id=agency_id,
        subject=subject._meta.model_name or "",
        subject_id=subject.pk,
        action=action,
        occurred_on=timezone.localdate(),
        actor=actor,
        note=note,
        data=data or {},
    )


def _require(actor: AbstractBaseUser, agency_id: int, action: CatalogueAction) -> None:
    require_catalogue_role(action, roles_of(actor, agency_id))


# -- normative documents ----------------------------------------------------------------


def issue_document(
    actor: AbstractBaseUser,
    agency: Agency,
    *,
    kind: DocumentKind,
    title: str,
    document_number: str,
    issued_on: date,
) -> NormativeDocument:
    guard(bool(title.strip()), "请填写文件名称")
    guard(bool(document_number.strip()), "请填写文号")
    check_day(issued_on, None, "制发日期")
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        _require(actor, locked.pk, A.NORMATIVE)
        number = document_number.strip()
        if NormativeDocument.objects.filter(agency=locked, document_number=number).exists():
            raise GuardFailed(f"文号“{number}”已登记，不能重复登记")
        doc = NormativeDocument.objects.create(
            agency=locked,
            kind=kind.value,
            title=title.strip(),
            document_number=number,
            issued_on=issued_on,
        )
        audit(actor, locked.pk, doc, "制发", data={"issued_on": issued_on.isoformat()})
    return doc


def _locked_document(actor: AbstractBaseUser, doc_id: int) -> NormativeDocument:
    doc = NormativeDocument.objects.select_for_update().get(pk=doc_id)
    _require(actor, doc.agency_id, A.NORMATIVE)
    return doc


def amend_document(
    actor: AbstractBaseUser, doc_id: int, *, on: date, note: str
) -> NormativeDocument:
    guard(bool(note.strip()), "请写明修订内容或修订文号")
    with transaction.atomic():
        doc = _locked_document(actor, doc_id)
        guard(doc.repealed_on is None, "已废止的文件不能修订")
        check_day(on, doc.issued_on, "修订日期")
        doc.last_amended_on = on
        doc.save(update_fields=["last_amended_on"])
        audit(actor, doc.agency_id, doc, "修订", note=note.strip(), data={"on": on.isoformat()})
    return doc


def repeal_document(
    actor: AbstractBaseUser, doc_id: int, *, on: date, note: str
) -> NormativeDocument:
    guard(bool(note.strip()), "请写明废止依据（如废止决定的文号）")
    with transaction.atomic():
        doc = _locked_document(actor, doc_id)
        try:
            check_repeal(life_of(doc), on)
        except GongkaiError as exc:
            raise GuardFailed(str(exc)) from None
        check_day(on, None, "废止日期")
        doc.repealed_on = on
        doc.save(update_fields=["repealed_on"])
        audit(actor, doc.agency_id, doc, "废止", note=note.strip(), data={"on": on.isoformat()})
    return doc


def life_of(doc: NormativeDocument) -> DocumentLife:
    return DocumentLife(DocumentKind(doc.kind), doc.issued_on, doc.repealed_on)


# -- business figures ------------------------------------------------------------------


def check_upload(data: bytes, filename: str, year: int) -> ImportCheck:
    try:
        check_content(filename, data)  # an .xlsx that is a ZIP bomb, a .csv that is a program
        rows = read_table(data, filename)
    except GongkaiError as exc:
        check = ImportCheck()
        check.errors.append(RowError(0, "", str(exc)))
        return check
    return check_rows(rows, year, max_rows=catalogue_rules().import_max_rows)


def stage_import(
    actor: AbstractBaseUser, agency: Agency, *, year: int, filename: str, data: bytes
) -> tuple[BusinessImport | None, ImportCheck]:
    """Check an upload; a clean one is kept (uncommitted) for the preview page."""
    _require(actor, agency.pk, A.IMPORT)
    guard(2000 <= year <= timezone.localdate().year, f"年度{year}无效")
    check = check_upload(data, filename, year)
    if not check.ok:
        return None, check
    batch = BusinessImport.objects.create(
        agency=agency,
        year=year,
        filename=filename[-160:],
        sha256=sha256_hex(data),
        content=data,
        uploaded_by=actor,
    )
    return batch, check


def commit_import(actor: AbstractBaseUser, batch_id: int) -> BusinessImport:
    """The previewed figures become the year's figures for the kinds the file contains."""
    with transaction.atomic():
        batch = BusinessImport.objects.select_for_update().get(pk=batch_id)
        _require(actor, batch.agency_id, A.IMPORT)
        guard(batch.committed_at is None, "这批数据已经导入，不能重复确认")
        check = check_upload(bytes(batch.content), batch.filename, batch.year)
        guard(check.ok, "文件校验未通过，不能导入")
        BusinessFigure.objects.bulk_create(
            BusinessFigure(
                batch=batch,
                row=f.row,
                kind=f.kind.value,
                count=f.count,
                amount_fen=f.amount_fen,
                source=f.source,
                note=f.note,
            )
            for f in check.figures
        )
        batch.committed_at = timezone.now()
        batch.committed_by = actor
        batch.save(update_fields=["committed_at", "committed_by"])
        totals = {k.value: v for k, v in check.totals().items()}
        audit(actor, batch.agency_id, batch, "确认导入", data={"year": batch.year, **totals})
    return batch


def year_figures(agency: Agency | int, year: int) -> dict[FigureKind, int]:
    """Per kind, the sum of the latest committed import that contains that kind."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    figures = BusinessFigure.objects.filter(
        batch__agency_id=agency_id, batch__year=year, batch__committed_at__isnull=False
    ).order_by("-batch__committed_at", "-batch_id")
    latest: dict[str, int] = {}
    out: dict[FigureKind, int] = {}
    for fig in figures.only("kind", "count", "amount_fen", "batch_id"):
        batch_for_kind = latest.setdefault(fig.kind, fig.batch_id)
        if fig.batch_id != batch_for_kind:
            continue
        kind = FigureKind(fig.kind)
        value = fig.amount_fen if kind is FigureKind.FEES else fig.count
        out[kind] = out.get(kind, 0) + (value or 0)
    return out


# -- new media -------------------------------------------------------------------------


def save_account(
    actor: AbstractBaseUser,
    agency: Agency,
    values: Mapping[str, Any],
    account_id: int | None = None,
) -> NewMediaAccount:
    guard(bool(str(values.get("name", "")).strip()), "请填写账号名称")
    guard(bool(str(values.get("operator", "")).strip()), "请填写主办单位")
    with transaction.atomic():
        _require(actor, agency.pk, A.NEW_MEDIA)
        if account_id is None:
            account = NewMediaAccount(agency=agency)
        else:
            account = NewMediaAccount.objects.select_for_update().get(pk=account_id, agency=agency)
        for name in ("platform", "name", "operator", "state", "opened_on", "closed_on"):
            if name in values:
                setattr(account, name, values[name])
        try:
            with transaction.atomic():
                account.save()
        except IntegrityError:
            raise GuardFailed("该平台上已登记同名账号") from None
        audit(actor, agency.pk, account, "登记" if account_id is None else "修改")
    return account


def set_posts(actor: AbstractBaseUser, account_id: int, *, year: int, posts: int) -> NewMediaPosts:
    guard(posts >= 0, "发布信息数不能为负数")
    guard(2000 <= year <= timezone.localdate().year, f"年度{year}无效")
    with transaction.atomic():
        account = NewMediaAccount.objects.select_for_update().get(pk=account_id)
        _require(actor, account.agency_id, A.NEW_MEDIA)
        row, _ = NewMediaPosts.objects.update_or_create(
            account=account, year=year, defaults={"posts": posts}
        )
        audit(actor, account.agency_id, account, "填报发布量", data={"year": year, "posts": posts})
    return row


# -- the guide -------------------------------------------------------------------------


def save_guide(actor: AbstractBaseUser, agency: Agency, parts: Mapping[str, str]) -> PortalGuide:
    keys = {key for key, _ in GUIDE_PARTS}
    unknown = sorted(set(parts) - keys)
    guard(not unknown, f"未知的指南栏目：{'、'.join(unknown)}")
    with transaction.atomic():
        _require(actor, agency.pk, A.GUIDE)
        guide, _ = PortalGuide.objects.select_for_update().get_or_create(agency=agency)
        changed = []
        for key in keys & set(parts):
            value = parts[key].strip()
            if getattr(guide, key) != value:
                setattr(guide, key, value)
                changed.append(key)
        guide.updated_by = actor
        guide.save()
        audit(actor, agency.pk, guide, "编辑指南", data={"changed": sorted(changed)})
    return guide
