"""The application list at scale: keyset cursor, bounded count, and the same scope as ever."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from builders_api import API, TwoAgencies, json_of, two_agencies
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from web_builders import registered

from gongkai.core.applications.roles import Role
from gongkai.web.api import cursor as cursors
from gongkai.web.api.v1 import applications as list_module
from gongkai.web.applications.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> TwoAgencies:
    return two_agencies()


def many(world: TwoAgencies) -> list[Application]:
    """Eleven cases of A, most sharing an arrival instant with others (10:00 of a day)."""
    days = [3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 7]
    return [
        registered(world.a, date(2025, 3, day), applicant_name=f"甲{i}")
        for i, day in enumerate(days)
    ]


def newest_first(cases: list[Application]) -> list[int]:
    return [c.pk for c in sorted(cases, key=lambda c: (c.arrived_at, c.pk), reverse=True)]


def with_cursor(url: str, cursor: str) -> str:
    """``url`` plus the cursor (the test client drops a URL's own query when given data)."""
    return f"{url}{'&' if '?' in url else '?'}cursor={quote(cursor)}"


def walk(client: Client, query: str = "", limit: int = 3) -> tuple[list[int], int]:
    """Every id of the list, page by page along next_cursor; and the number of pages."""
    ids: list[int] = []
    url = f"{API}/applications?limit={limit}{query}"
    body = json_of(client.get(url))
    pages = 1
    ids += [i["id"] for i in body["items"]]
    while body["next_cursor"] is not None:
        assert len(body["items"]) == limit
        response = client.get(with_cursor(url, body["next_cursor"]))
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [i["id"] for i in body["items"]]
        pages += 1
        assert pages < 50, "the cursor does not advance"
    return ids, pages


def test_the_cursor_walks_the_whole_list_without_duplicates_or_gaps(world: TwoAgencies) -> None:
    cases = many(world)
    registered(world.b, date(2025, 3, 5), applicant_name="乙一")
    client = world.client("a", Role.HANDLER)
    for limit in (1, 2, 3, 4, 11, 50):
        ids, pages = walk(client, limit=limit)
        assert ids == newest_first(cases), limit
        assert pages == max(1, -(-len(cases) // limit)), limit
    # Same instant → the larger id first; the four of 2025-03-05 10:00 span pages of 3.
    same_instant = [c.pk for c in cases if c.arrived_at.day == 5]
    assert ids[3:7] == sorted(same_instant, reverse=True)


def test_the_cursor_keeps_the_filters(world: TwoAgencies) -> None:
    cases = many(world)
    client = world.client("a", Role.HANDLER)
    names = {"甲1", "甲5", "甲6", "甲10"}
    for c in cases:
        if c.applicant_name in names:
            Application.objects.filter(pk=c.pk).update(applicant_name=c.applicant_name + "特")
    wanted = newest_first([c for c in cases if c.applicant_name in names])
    ids, pages = walk(client, "&q=特&status=received", limit=1)
    assert ids == wanted and pages == len(wanted)
    ids, _ = walk(client, "&received_from=2025-03-05&received_to=2025-03-06", limit=2)
    assert ids == newest_first([c for c in cases if 5 <= c.arrived_at.day <= 6])


def test_cases_registered_during_the_walk_neither_repeat_nor_shift_items(
    world: TwoAgencies,
) -> None:
    cases = many(world)
    client = world.client("a", Role.HANDLER)
    first = json_of(client.get(f"{API}/applications?limit=4"))
    newer = registered(world.a, date(2025, 3, 10), applicant_name="后来的")
    rest, _ = walk(client, "", limit=100)
    second = json_of(client.get(with_cursor(f"{API}/applications?limit=100", first["next_cursor"])))
    seen = [i["id"] for i in first["items"]] + [i["id"] for i in second["items"]]
    assert seen == newest_first(cases) and len(set(seen)) == len(seen)
    assert rest[0] == newer.pk  # a fresh walk starts with it


def test_last_page_has_no_cursor_and_offset_pages_offer_one(world: TwoAgencies) -> None:
    cases = many(world)
    client = world.client("a", Role.HANDLER)
    last = json_of(client.get(f"{API}/applications?limit=11"))
    assert last["next_cursor"] is None and len(last["items"]) == 11
    # Offset paging still works; its next_cursor continues right after the page.
    page = json_of(client.get(f"{API}/applications?limit=3&offset=3"))
    assert [i["id"] for i in page["items"]] == newest_first(cases)[3:6]
    after = json_of(client.get(with_cursor(f"{API}/applications?limit=3", page["next_cursor"])))
    assert [i["id"] for i in after["items"]] == newest_first(cases)[6:9]


def refusal(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.content
    body = json_of(response)
    assert body["code"] == "invalid_cursor"
    return body


def test_a_tampered_cursor_is_a_clear_400(world: TwoAgencies) -> None:
    many(world)
    client = world.client("a", Role.HANDLER)
    good = json_of(client.get(f"{API}/applications?limit=2"))["next_cursor"]
    payload, signature = good.rsplit(":", 1)
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    # Another place written by hand, signed with a made-up key, cut short, or plain junk.
    forged = signing.dumps(["2099-01-01T00:00:00+00:00", 999999], key="guess", salt=cursors.SALT)
    for bad in (f"{flipped}:{signature}", good[:-3], forged, "abc", "::", "第二页"):
        body = refusal(client.get(with_cursor(f"{API}/applications", bad)))
        assert "cursor 参数无效" in body["message"] and "next_cursor" in body["message"]
        assert body["details"] == {"field": "cursor"}
    # Signed by us but not a place (an old or foreign format): also refused, never a 500.
    for shape in (["2025-03-03T02:00:00", 1], ["nonsense", 1], ["2025-03-03T02:00:00+00:00", "1"]):
        odd = signing.dumps(shape, salt=cursors.SALT)
        refusal(client.get(with_cursor(f"{API}/applications", odd)))
    both = refusal(client.get(with_cursor(f"{API}/applications?offset=2", good)))
    assert "不能同时使用" in both["message"]


def test_count_is_bounded_unless_asked_for_exactly(
    world: TwoAgencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = many(world)
    client = world.client("a", Role.HANDLER)
    small = json_of(client.get(f"{API}/applications?limit=2"))
    assert (small["count"], small["count_exact"]) == (len(cases), True)
    monkeypatch.setattr(list_module, "COUNT_CAP", 5)
    capped = json_of(client.get(f"{API}/applications?limit=2"))
    assert (capped["count"], capped["count_exact"]) == (5, False)
    exact = json_of(client.get(f"{API}/applications?limit=2&exact_count=true"))
    assert (exact["count"], exact["count_exact"]) == (len(cases), True)
    # The default count never reads more than COUNT_CAP + 1 rows: its query has a LIMIT.
    with CaptureQueriesContext(connection) as queries:
        client.get(with_cursor(f"{API}/applications?limit=2", capped["next_cursor"]))
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts


def test_a_cursor_never_widens_what_the_caller_sees(world: TwoAgencies) -> None:
    many(world)
    mine = registered(world.b, date(2025, 3, 1), applicant_name="乙一")
    a_cursor = json_of(world.client("a", Role.HANDLER).get(f"{API}/applications?limit=1"))[
        "next_cursor"
    ]
    for role in (Role.HANDLER, Role.SUPERVISOR):
        body = json_of(world.client("b", role).get(with_cursor(f"{API}/applications", a_cursor)))
        assert [i["id"] for i in body["items"]] == [mine.pk]
        assert "甲" not in repr(body)
        other = json_of(
            world.client("b", role).get(
                with_cursor(f"{API}/applications?agency={world.a.agency.pk}", a_cursor)
            )
        )
        assert other["items"] == [] and other["count"] == 0 and other["next_cursor"] is None
