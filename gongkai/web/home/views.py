"""The front door (public) and the role homes (after login); thin: the selectors read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.applications.roles import ROLE_LABELS, Role
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.queue import due_soon_wd
from gongkai.web.home import selectors
from gongkai.web.layout import public_layout


def front_door(request: HttpRequest) -> HttpResponse:
    context = {"layout": public_layout(), "agencies": selectors.public_agencies()}
    return render(request, "home/front_door.html", context)


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    held = selectors.roles_held(request.user)

    def where(*roles: Role) -> list[Agency]:
        found = {a.pk: a for role in roles for a in held.get(role, [])}
        return sorted(found.values(), key=lambda a: a.name)

    officer_at = where(*selectors.OFFICER_ROLES)
    head_at = where(Role.OFFICE_HEAD)
    admin_at = where(Role.ADMINISTRATOR)
    if request.user.is_superuser:
        admin_at = list(Agency.objects.order_by("name"))
    is_admin = bool(held.get(Role.ADMINISTRATOR)) or request.user.is_staff
    context = {
        "today": today,
        "soon": due_soon_wd(),
        "held": [(ROLE_LABELS[role], held[role]) for role in Role if role in held],
        "officer": selectors.officer_home(officer_at, today) if officer_at else None,
        "head": selectors.head_home(head_at, today) if head_at else None,
        "supervisor": selectors.supervisor_home(request.user, today)
        if held.get(Role.SUPERVISOR)
        else None,
        "admin": selectors.admin_home(admin_at, today) if is_admin else None,
    }
    return render(request, "home/staff_home.html", context)
