"""The explorer's views on the platform (issue 15): the supervising office, and the
platform's administrator, see `gongkai explore`'s views (总览, 单个机关历年, 同类机关比较,
报告质量, 异常, 多来源报告) over

* the annual reports published on the platform — a supervisor those of the departments its
  office supervises, an administrator every agency's — the version in force of each agency
  and year, and
* the datasets `gongkai ingest` wrote that the server names in ``GONGKAI_EXPLORE_DATASETS``
  (published reports gathered elsewhere: the background the departments are compared with).

The published versions are turned into an ingest dataset with ingest's own writer (the
canonical JSON of a version is what ingest keeps of a report it read), and the explorer's
loader and views run on it unchanged: there is no second computation. The page is the
explorer's markup (gongkai.explore.page.parts), its script and ECharts as static files (the
CSP allows no inline script) and the data in a ``<script type="application/json">`` block.
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from gongkai.core.applications.roles import Role
from gongkai.explore import export
from gongkai.explore.corpus import Corpus, load
from gongkai.explore.page import parts as page_parts
from gongkai.explore.page import payload
from gongkai.explore.serve import FILTERS, filtered, filters_form
from gongkai.explore.views import View, all_views
from gongkai.ingest.tables import write_tables
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import ReportVersion
from gongkai.web.reports.supervision import supervised_agencies

QUERY_KEYS = (*(key for key, _ in FILTERS), "agency")
CACHED = 4  # corpora kept in memory, keyed by their content


def scope(user: Any) -> list[Agency] | None:
    """The agencies whose published reports ``user`` sees: None for every agency (the
    platform's administrator), the supervised departments for a supervisor; else refused."""
    if not user.is_authenticated:
        raise PermissionDenied("请先登录")
    if user.is_superuser:
        return None
    if Membership.objects.filter(user_id=user.pk, role=Role.SUPERVISOR).exists():
        return supervised_agencies(user)
    raise PermissionDenied("只有主管部门的监督岗位人员和系统管理员可以查看年度报告数据浏览")


def versions_in_force(agencies: list[Agency] | None) -> list[ReportVersion]:
    """The latest version of each agency's report of each year (a correction replaces the
    version before it; the explorer would otherwise count the one with fewer errors)."""
    rows = ReportVersion.objects.all()
    if agencies is not None:
        rows = rows.filter(agency__in=agencies)
    latest: dict[tuple[int, int], int] = {}
    for pk, agency_id, year, _ in rows.order_by("agency_id", "year", "number").values_list(
        "pk", "agency_id", "year", "number"
    ):
        latest[(agency_id, year)] = pk
    return list(
        ReportVersion.objects.filter(pk__in=latest.values())
        .select_related("agency")
        .order_by("agency__name", "year")
    )


def ingest_record(version: ReportVersion) -> dict[str, Any]:
    """A published version as the record `gongkai ingest` keeps of a report it read
    (gongkai.ingest.worker.process_file): the canonical JSON under ``report``."""
    return {
        "path": f"平台发布：{version.agency.name}{version.year}年度报告第{version.number}版",
        "sha256": version.checksum,
        "status": "findings" if version.errors else "clean",
        "report": json.loads(version.json_text),
    }


def write_dataset(versions: Iterable[ReportVersion], folder: Path) -> int:
    """Write the versions as an ingest dataset (tables and per-report JSON) into ``folder``."""
    records = [ingest_record(v) for v in versions]
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    for record in records:
        (folder / "reports" / f"{record['sha256']}.json").write_text(
            json.dumps(record, ensure_ascii=False), "utf-8"
        )
    write_tables(records, folder)
    return len(records)


def imported_datasets() -> tuple[list[Path], list[str]]:
    """The configured datasets that can be read, and a sentence for each that cannot."""
    usable, problems = [], []
    for name in settings.GONGKAI_EXPLORE_DATASETS:
        folder = Path(name)
        if (folder / "reports.parquet").is_file():
            usable.append(folder)
        else:
            problems.append(f"{folder}：不是 gongkai ingest 输出的数据集（缺少 reports.parquet）")
    return usable, problems


_cache: OrderedDict[tuple[Any, ...], Corpus] = OrderedDict()
_lock = threading.Lock()


def _key(versions: list[ReportVersion], datasets: list[Path]) -> tuple[Any, ...]:
    def stamp(folder: Path) -> tuple[str, int]:
        return str(folder.resolve()), (folder / "reports.parquet").stat().st_mtime_ns

    return (
        tuple(sorted((v.pk, v.checksum) for v in versions)),
        tuple(stamp(d) for d in datasets),
    )


def corpus_of(versions: list[ReportVersion], datasets: list[Path]) -> Corpus | None:
    """The explorer's corpus of the versions and the datasets (None when both are empty),
    loaded by gongkai.explore.corpus.load and kept for the next request with the same input."""
    if not versions and not datasets:
        return None
    key = _key(versions, datasets)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        with tempfile.TemporaryDirectory(prefix="gongkai-explore-") as tmp:
            folders = list(datasets)
            if versions:
                platform = Path(tmp) / "platform"
                write_dataset(versions, platform)
                folders.insert(0, platform)
            corpus = load(folders)  # everything is read into memory: the folder can go
        _cache[key] = corpus
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
        return corpus


def _query(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET[k].strip() for k in QUERY_KEYS if request.GET.get(k, "").strip()}


def _context(request: HttpRequest) -> tuple[Corpus | None, dict[str, Any]]:
    agencies = scope(request.user)
    versions = versions_in_force(agencies)
    datasets, problems = imported_datasets()
    corpus = corpus_of(versions, datasets)
    return corpus, {
        "admin_scope": agencies is None,
        "agencies": agencies,
        "versions": len(versions),
        "datasets": [d.name or str(d) for d in datasets],
        "problems": problems,
    }


@login_required
def explore(request: HttpRequest) -> HttpResponse:
    corpus, context = _context(request)
    query = _query(request)
    if corpus is not None:
        views = all_views(filtered(corpus, query))
        qs = "?" + urlencode(query) if query else ""
        tabs, sections = page_parts(views, qs, reverse("reports:explore") + "export/")
        # Markup built by gongkai.explore (serve, page) with every value through html.escape.
        context.update(
            filters=mark_safe(filters_form(corpus, query)),
            tabs=mark_safe(tabs),
            sections=mark_safe(sections),
            data=payload(views),
            reports=corpus.reports.height,
        )
    return render(request, "reports/explore.html", context)


@login_required
def explore_export(request: HttpRequest, view: str, ext: str) -> HttpResponse:
    corpus, _ = _context(request)
    if corpus is None or ext not in ("csv", "xlsx"):
        raise Http404("没有可导出的数据")
    found: View | None = next(
        (v for v in all_views(filtered(corpus, _query(request))) if v.id == view), None
    )
    if found is None:
        raise Http404("没有这个视图")
    if ext == "csv":
        response = HttpResponse(export.to_csv(found), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export.to_xlsx(found),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{found.id}.{ext}"'
    return response
