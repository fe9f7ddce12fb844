"""The demo catalogue gives a plausible 表二 and a portal with content in every state."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from gongkai.core.catalogue.statuses import ItemStatus
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue import demo
from gongkai.web.catalogue.models import CatalogueItem, ItemEvent
from gongkai.web.catalogue.statistics import catalogue_figures, table2_for
from gongkai.web.demo import BUREAU, create_demo_agency

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


def test_demo_catalogue_and_table2(client: Client) -> None:
    create_demo_agency()
    demo.load_demo(TODAY)
    bureau = Agency.objects.get(name=BUREAU)
    table = table2_for(bureau, 2025)
    assert table["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 4}
    assert table["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert table["administrative_license"] == 9375 and table["administrative_penalty"] == 1236
    assert table["administrative_coercion"] == 382 and table["administrative_fees"] == "64.2623"
    statuses = set(CatalogueItem.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in ItemStatus}
    assert ItemEvent.objects.filter(passed=False).exists()  # a rejected round
    figures = catalogue_figures(bureau, 2025)
    assert figures["published_total"] > 10 and figures["new_media_posts_total"] == 1606
    home = client.get(f"/catalogue/{bureau.pk}/").content.decode()
    assert "最新公开" in home and "清河县公安局" in home
    found = client.get(f"/catalogue/{bureau.pk}/search/?q=户籍").content.decode()
    assert "<mark>户籍</mark>" in found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL")
def test_search_uses_the_gin_index_on_postgresql() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'catalogue_item_search_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "to_tsvector('simple'" in definition
