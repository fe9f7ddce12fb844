"""Response helpers of the public pages: private headers, the layout, the 429 page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core.portal.rates import Rate
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


def too_many(request: HttpRequest, check: RateCheck, rate: Rate, what: str) -> HttpResponse:
    minutes = max(1, (check.retry_after + 59) // 60)
    response = page(
        request,
        "portal/rate_limited.html",
        {"what": what, "limit": rate.describe(), "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(check.retry_after)
    return response
