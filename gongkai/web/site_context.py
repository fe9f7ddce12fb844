"""What every page's frame shows: the signed-in user's agency in the staff banner.

A template context processor (``settings.TEMPLATES``). The name is looked up only when a
page's banner is drawn (templates call a callable value), so pages without the staff frame
and anonymous visitors cost no query; it comes from the request's memberships
(:func:`~gongkai.web.agencies.access.request_memberships`), which the page's own view may
already have read.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from gongkai.web.agencies.access import request_memberships


def site_header(request: HttpRequest) -> dict[str, Callable[[], str]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def header_agency() -> str:
        return request_memberships(request).banner_name()

    return {"header_agency": header_agency}
