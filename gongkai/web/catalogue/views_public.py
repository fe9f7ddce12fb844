"""The public portal of each agency: no login, plain HTML that works without JavaScript.

Only published items are ever shown; drafts, items in review and withheld items 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.catalogue.guide import GUIDE_PARTS, AgencyFacts, default_guide
from gongkai.core.catalogue.search import highlight, snippet
from gongkai.core.catalogue.statuses import ItemStatus
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import CatalogueItem, ItemAttachment, PortalGuide
from gongkai.web.catalogue.search import search_items
from gongkai.web.layout import public_layout

layout = public_layout


def _published(agency: Agency) -> Any:
    return CatalogueItem.objects.filter(agency=agency, status=ItemStatus.PUBLISHED.value)


def _context(agency: Agency, **extra: Any) -> dict[str, Any]:
    return {"agency": agency, "layout": layout(), **extra}


def portal_home(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    tree = catalogue_rules().tree
    latest = _published(agency).order_by("-published_on", "-pk")[:10]
    return render(
        request,
        "catalogue/public/home.html",
        _context(
            agency,
            latest=[(item, tree.get(item.category).label) for item in latest],
            categories=tree.children(None),
        ),
    )


def guide_defaults(agency: Agency) -> dict[str, str]:
    office = agency.units.filter(name__contains="公开").first()
    facts = AgencyFacts(
        name=agency.name,
        address=agency.address,
        phone=agency.phone,
        office_unit=office.name if office else "",
        supervisor=agency.supervisor.name if agency.supervisor else "",
    )
    return default_guide(facts)


def guide_parts(agency: Agency) -> list[tuple[str, str, bool]]:
    """(heading, text, is_default) for each part of the guide."""
    defaults = guide_defaults(agency)
    saved = PortalGuide.objects.filter(agency=agency).first()
    parts = []
    for key, heading in GUIDE_PARTS:
        text = getattr(saved, key, "") if saved else ""
        parts.append((heading, text or defaults[key], not text))
    return parts


def guide(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("supervisor"), pk=agency_id)
    saved = PortalGuide.objects.filter(agency=agency).first()
    return render(
        request,
        "catalogue/public/guide.html",
        _context(agency, parts=guide_parts(agency), updated=saved.updated_at if saved else None),
    )


def public_index(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    rules = catalogue_rules()
    items = _published(agency)
    code = request.GET.get("category", "")
    current = rules.tree.get(code) if code in rules.tree else None
    if current is not None:
        items = items.filter(category__in=rules.tree.descendants(current.code))
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    if year:
        items = items.filter(published_on__year=year)
    years = sorted({d.year for d in _published(agency).dates("published_on", "year")}, reverse=True)
    page = Paginator(items.order_by("-published_on", "-pk"), rules.page_size).get_page(
        request.GET.get("page")
    )
    labels = {c.code: c.label for _, c in rules.tree.ordered()}
    rows = [(item, labels.get(item.category, item.category)) for item in page.object_list]
    return render(
        request,
        "catalogue/public/index.html",
        _context(
            agency,
            page=page,
            rows=rows,
            choices=[(c.code, "　" * depth + c.label) for depth, c in rules.tree.ordered()],
            current=current,
            crumbs=rules.tree.path(current.code) if current else (),
            years=years,
            year=year,
            query_base=_query_base(request, drop="page"),
        ),
    )


def _query_base(request: HttpRequest, drop: str) -> str:
    params = request.GET.copy()
    params.pop(drop, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def public_item(request: HttpRequest, agency_id: int, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    item = get_object_or_404(_published(agency), pk=pk)
    tree = catalogue_rules().tree
    return render(
        request,
        "catalogue/public/item.html",
        _context(
            agency,
            item=item,
            category=tree.label_path(item.category) if item.category in tree else item.category,
            # Only the current files: a replaced file is kept for the record, not served.
            attachments=item.attachments.filter(state=ItemAttachment.State.CURRENT).defer(
                "content"
            ),
        ),
    )


def public_attachment(request: HttpRequest, agency_id: int, pk: int, file_id: int) -> HttpResponse:
    attachment = get_object_or_404(
        ItemAttachment,
        pk=file_id,
        item_id=pk,
        item__agency_id=agency_id,
        item__status=ItemStatus.PUBLISHED.value,
        state=ItemAttachment.State.CURRENT,
    )
    return attachment_response(attachment)


def attachment_response(attachment: ItemAttachment) -> HttpResponse:
    """Always a download (never rendered by the browser), also for the staff pages."""
    response = HttpResponse(bytes(attachment.content), content_type=_served_type(attachment))
    response["Content-Disposition"] = _disposition(attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _served_type(attachment: ItemAttachment) -> str:
    """The uploader's browser named the type; a type a browser would run is never passed on."""
    declared = attachment.content_type.lower()
    if any(word in declared for word in ("html", "xml", "script", "svg")):
        return "application/octet-stream"
    return attachment.content_type


def _disposition(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"


def marked(text: str, query: str) -> SafeString:
    """``text`` with the query's matches in ``<mark>``, every piece escaped."""
    pieces = (
        f"<mark>{escape(piece)}</mark>" if hit else str(escape(piece))
        for piece, hit in highlight(text, query)
    )
    return mark_safe("".join(pieces))


def search(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    query = request.GET.get("q", "").strip()[:50]
    results, complete = search_items(_published(agency), query) if query else ([], True)
    page = Paginator(results, catalogue_rules().page_size).get_page(request.GET.get("page"))
    rows = [
        {
            "item": item,
            "title": marked(item.title, query),
            "snippet": marked(snippet(item.summary or item.body, query), query),
        }
        for item in page.object_list
    ]
    return render(
        request,
        "catalogue/public/search.html",
        _context(
            agency,
            query=query,
            page=page,
            rows=rows,
            total=len(results),
            complete=complete,
            query_base=_query_base(request, drop="page"),
        ),
    )
