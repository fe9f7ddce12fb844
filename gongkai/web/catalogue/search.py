"""Full-text search of an agency's published items: PostgreSQL ``tsvector`` with the GIN index
of migration 0002, or a portable token filter elsewhere (SQLite). Both use the same tokens
(:mod:`gongkai.core.catalogue.search`), so both find the same items; PostgreSQL ranks with
``ts_rank``, the fallback with the same occurrence count in Python.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

from gongkai.core.catalogue.search import query_tokens, score, score_any
from gongkai.web.catalogue.models import CatalogueItem

_VECTOR = 'to_tsvector(\'simple\'::regconfig, "catalogue_catalogueitem"."search_tokens")'
_QUERY = "to_tsquery('simple'::regconfig, %s)"


def search_items(items: QuerySet[CatalogueItem], query: str) -> tuple[list[CatalogueItem], bool]:
    """Items matching every token of ``query``, most relevant first; when there are none,
    items matching some tokens, and ``False`` for "not every word was found"."""
    wanted = query_tokens(query)
    if not wanted:
        return [], True
    search = _search_postgres if connection.vendor == "postgresql" else _search_portable
    found = search(items, wanted, every=True)
    if found or len(wanted) == 1:
        return found, True
    return search(items, wanted, every=False), False


def _search_postgres(
    items: QuerySet[CatalogueItem], wanted: list[str], *, every: bool
) -> list[CatalogueItem]:
    # Tokens hold only letters, digits and Han characters, so quoting each one is safe.
    tsquery = (" & " if every else " | ").join(f"'{token}'" for token in wanted)
    matched = items.extra(where=[f"{_VECTOR} @@ {_QUERY}"], params=[tsquery]).annotate(
        rank=RawSQL(f"ts_rank({_VECTOR}, {_QUERY})", [tsquery], output_field=FloatField())
    )
    return list(matched.order_by(F("rank").desc(), F("published_on").desc(nulls_last=True), "-pk"))


def _search_portable(
    items: QuerySet[CatalogueItem], wanted: list[str], *, every: bool
) -> list[CatalogueItem]:
    if every:
        for token in wanted:
            items = items.filter(search_tokens__contains=f" {token} ")
    else:
        any_token = Q()
        for token in wanted:
            any_token |= Q(search_tokens__contains=f" {token} ")
        items = items.filter(any_token)
    found = list(items)
    rank = score if every else score_any
    for item in found:
        item.rank = rank(item.search_tokens, wanted)  # type: ignore[attr-defined]
    found.sort(
        key=lambda i: (-i.rank, -(i.published_on.toordinal() if i.published_on else 0), -i.pk)
    )  # type: ignore[attr-defined]
    return found
