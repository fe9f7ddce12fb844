"""What every page's frame shows: the signed-in user's agency in the staff banner.

A template context processor (``settings.TEMPLATES``). The name is looked up only when a
page's banner is drawn (templates call a callable value), so pages without the staff frame
and anonymous visitors cost no query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from gongkai.web.agencies.models import Membership


def site_header(request: HttpRequest) -> dict[str, Callable[[], str]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def header_agency() -> str:
        names = list(
            Membership.objects.filter(user=user)
            .order_by("pk")
            .values_list("agency__name", flat=True)
            .distinct()[:2]
        )
        if not names:
            return ""
        return names[0] if len(names) == 1 else f"{names[0]}等"

    return {"header_agency": header_agency}
