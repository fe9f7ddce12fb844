"""Opaque cursors for the newest-first application list (keyset pagination).

A cursor names the last item of a page by its place in the list's order, ``(-arrived_at,
-id)``; the next page is the rows strictly after that place. There is no OFFSET, so the
thousandth page costs what the first costs (the database walks the index
``application_by_arrival`` from that place), and cases registered meanwhile neither repeat
nor push items off the page being read. ``id`` breaks ties between cases that arrived at the
same instant, so no row is skipped or repeated.

The cursor is signed with the project's secret key: a client cannot forge a place, and an
edited or truncated cursor is refused with a clear message rather than read as another place.
It carries no filters: the request's filters apply to every page, as they do to the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core import signing
from django.db.models import Q, QuerySet

from gongkai.web.api.errors import ApiRefusal

SALT = "gongkai.api.applications.cursor"
BAD_CURSOR = (
    "cursor 参数无效（被修改、截断，或已因系统密钥更换而失效）："
    "请原样使用上一页返回的 next_cursor，或去掉 cursor 从第一页重新开始"
)


@dataclass(frozen=True)
class Place:
    """Where a page ended: the last item's arrival time and id."""

    arrived_at: datetime
    pk: int


def encode(place: Place) -> str:
    return signing.dumps([place.arrived_at.astimezone(UTC).isoformat(), place.pk], salt=SALT)


def decode(cursor: str) -> Place:
    try:
        arrived, pk = signing.loads(cursor.strip(), salt=SALT)
        when = datetime.fromisoformat(arrived)
    except (signing.BadSignature, ValueError, TypeError):
        raise ApiRefusal(400, "invalid_cursor", BAD_CURSOR, {"field": "cursor"}) from None
    if when.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
        raise ApiRefusal(400, "invalid_cursor", BAD_CURSOR, {"field": "cursor"})
    return Place(when, pk)


def after(cases: QuerySet, place: Place) -> QuerySet:
    """The rows after ``place`` in the order (-arrived_at, -id).

    ``arrived_at <= t`` is implied by the OR but stated on its own so that PostgreSQL can
    start the index range there; the OR then only sorts out the rows of that very instant.
    """
    at = place.arrived_at
    return cases.filter(arrived_at__lte=at).filter(
        Q(arrived_at__lt=at) | Q(arrived_at=at, pk__lt=place.pk)
    )
