"""Who may see and do what, read from memberships; the rules themselves are in the core."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from gongkai.core.applications.roles import STAFF_ROLES, Role
from gongkai.web.agencies.models import Agency, Membership

AnyUser = AbstractBaseUser | AnonymousUser


def roles_of(user: AnyUser | None, agency: Agency | int) -> frozenset[Role]:
    if user is None or not user.is_authenticated:
        return frozenset()
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    rows = Membership.objects.filter(user_id=user.pk, agency_id=agency_id)
    return frozenset(Role(r) for r in rows.values_list("role", flat=True))


def staff_agencies(user: AnyUser) -> QuerySet[Agency]:
    """Agencies whose work queue the user handles (any role but supervisor)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(
        memberships__user_id=user.pk, memberships__role__in=[r.value for r in STAFF_ROLES]
    ).distinct()


def readable_agencies(user: AnyUser) -> QuerySet[Agency]:
    """Own agencies plus those a supervisor's agency supervises (read-only there)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    supervising = Membership.objects.filter(user_id=user.pk, role=Role.SUPERVISOR.value)
    supervised = Agency.objects.filter(supervisor__in=supervising.values("agency"))
    own = Agency.objects.filter(memberships__user_id=user.pk)
    return (own | supervised).distinct()
