"""Response helpers of the public pages: private headers, the layout, the 429 page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai.core.portal.rates import Rate
from gongkai.web.agencies.models import Agency
from gongkai.web.layout import public_layout
from gongkai.web.portal.antispam import RateCheck

View = Callable[..., HttpResponse]


layout = public_layout


def page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"layout": layout(), **context}, status=status)


def private(view: View) -> View:
    """Pages about one applicant's case: never cached, never indexed, never a referrer elsewhere.

    The private link is a secret in the URL; ``same-origin`` keeps it from leaking to any other
    site the page links to, ``no-store`` keeps it (and the case) out of shared caches.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private, max-age=0"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped


def agency_contact(agency: Agency | None) -> dict[str, Any]:
    """What a refused applicant needs to apply another way: the 受理机构、地址和电话 of the
    agency's 政府信息公开指南 (as edited, else the generated default) and the guide's link."""
    if agency is None:
        return {}
    from gongkai.web.catalogue.models import PortalGuide
    from gongkai.web.catalogue.views_public import guide_defaults

    saved = PortalGuide.objects.filter(agency=agency).first()
    office = (saved.office_contact if saved else "") or guide_defaults(agency)["office_contact"]
    return {
        "agency": agency,
        "office_contact": office,
        "guide_url": reverse("catalogue:guide", args=[agency.pk]),
    }


def when_text(retry_after: int) -> str:
    """When to try again, in words: minutes within the hour, else hours, else the day."""
    minutes = max(1, (retry_after + 59) // 60)
    if minutes <= 60:
        return f"约{minutes}分钟后"
    hours = (minutes + 59) // 60
    return f"约{hours}小时后" if hours < 24 else "明天"


def too_many(
    request: HttpRequest,
    check: RateCheck,
    rate: Rate,
    what: str,
    *,
    counted: str = "",
    agency: Agency | None = None,
) -> HttpResponse:
    """HTTP 429 in Chinese: what was limited, when to try again, and how to apply otherwise.

    ``counted`` names whose actions are counted (本网络地址, 同一申请人) when it matters."""
    minutes = max(1, (check.retry_after + 59) // 60)
    context = {
        "what": what,
        "counted": counted,
        "limit": rate.describe(),
        "minutes": minutes,
        "when": when_text(check.retry_after),
        **agency_contact(agency),
    }
    response = page(request, "portal/rate_limited.html", context, status=429)
    response["Retry-After"] = str(check.retry_after)
    return response
