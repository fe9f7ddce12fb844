"""What a caller may read, through the same access functions as the web UI.

An object outside the caller's readable agencies is answered with 404, exactly like one
that does not exist, so the API does not even confirm that another agency's case exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gongkai.web.agencies.access import readable_agencies
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application


def readable_applications(user: AbstractBaseUser) -> QuerySet[Application]:
    return Application.objects.filter(agency__in=readable_agencies(user))


def readable_applications_for_list(
    user: AbstractBaseUser, agency_id: int | None = None
) -> QuerySet[Application]:
    """The same cases as :func:`readable_applications` (narrowed to ``agency_id`` if given),
    written for the newest-first list: the readable agencies are looked up first, so that
    one agency becomes ``agency_id = X``. PostgreSQL then reads the index
    ``application_by_arrival`` in order and stops after a page; with ``agency_id IN
    (subquery)`` it cannot know the order and sorts all the agency's cases for every page.
    """
    ids = list(readable_agencies(user).values_list("pk", flat=True))
    if agency_id is not None:
        ids = [agency_id] if agency_id in ids else []
    if len(ids) == 1:
        return Application.objects.filter(agency_id=ids[0])
    return Application.objects.filter(agency_id__in=ids)


def readable_application(user: AbstractBaseUser, application_id: int) -> Application:
    return get_object_or_404(
        readable_applications(user).select_related("agency", "handler", "assigned_unit"),
        pk=application_id,
    )


def readable_agency(user: AbstractBaseUser, agency_id: int) -> Agency:
    return get_object_or_404(readable_agencies(user), pk=agency_id)
