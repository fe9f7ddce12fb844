"""Who may see and do what, read from memberships; the rules themselves are in the core."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest

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


@dataclass(frozen=True)
class Memberships:
    """The signed-in user's roles, read once per request (:func:`request_memberships`): the
    staff banner's agency, the case page's roles and whether it may be read, and the work
    queue's agencies each answered from these rows instead of a query of their own."""

    # (agency id, role, agency name, the agency's 主管部门 id), in the order they were made.
    rows: tuple[tuple[int, Role, str, int | None], ...]

    def roles_in(self, agency_id: int) -> frozenset[Role]:
        return frozenset(role for agency, role, _, _ in self.rows if agency == agency_id)

    def staff_agency_ids(self) -> list[int]:
        """As :func:`staff_agencies`: any role but supervisor."""
        return sorted({agency for agency, role, _, _ in self.rows if role in STAFF_ROLES})

    def may_read(self, agency: Agency) -> bool:
        """As :func:`readable_agencies`: an own agency, or one a supervisor's agency supervises."""
        own = {a for a, _, _, _ in self.rows}
        supervising = {a for a, role, _, _ in self.rows if role is Role.SUPERVISOR}
        return agency.pk in own or agency.supervisor_id in supervising

    def banner_name(self) -> str:
        """The first agency's name, with 等 when the user holds roles in several agencies."""
        names = list(dict.fromkeys(name for _, _, name, _ in self.rows))
        if not names:
            return ""
        return names[0] if len(names) == 1 else f"{names[0]}等"


def request_memberships(request: HttpRequest) -> Memberships:
    """The memberships of the request's user, one query the first time a request asks."""
    cached = getattr(request, "_gongkai_memberships", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        found = Memberships(())
    else:
        rows = (
            Membership.objects.filter(user_id=user.pk)
            .order_by("pk")
            .values_list("agency_id", "role", "agency__name", "agency__supervisor_id")
        )
        found = Memberships(tuple((a, Role(r), n, s) for a, r, n, s in rows))
    request._gongkai_memberships = found  # type: ignore[attr-defined]
    return found
