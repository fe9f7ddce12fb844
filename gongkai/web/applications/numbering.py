"""The running number of an application within its agency and year (``2025-0042``).

The caller holds the agency row locked (``select_for_update``) for the whole transaction, so
two registrations — at the counter, from the post room or from the public portal — cannot
count the same applications and take the same number.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application


def next_number(locked_agency: Agency, arrived_at: datetime) -> str:
    year = timezone.localtime(arrived_at).year
    ours = Application.objects.filter(agency=locked_agency)
    candidate = ours.filter(arrived_at__year=year).count() + 1
    # A count repeats a number once an application of the year has been removed (a
    # registration made in error, deleted by an administrator): step past taken numbers.
    while ours.filter(number=f"{year}-{candidate:04d}").exists():
        candidate += 1
    return f"{year}-{candidate:04d}"
