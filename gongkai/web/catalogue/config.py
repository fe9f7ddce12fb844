"""The catalogue's settings and its use of the working-day calendar.

``GONGKAI_CATALOGUE`` (a Django setting holding a mapping, or the environment variable of the
same name holding JSON) overrides :class:`gongkai.core.catalogue.rules.CatalogueRules`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from django.conf import settings

from gongkai.core.calendar.deadlines import publication_due
from gongkai.core.catalogue.rules import CatalogueRules
from gongkai.core.errors import CalendarDataMissing, GongkaiError
from gongkai.web.kernel.calendar import work_calendar


@lru_cache(maxsize=4)
def _rules_from_json(raw: str) -> CatalogueRules:
    try:
        values = json.loads(raw or "{}")
    except json.JSONDecodeError as exc:
        raise GongkaiError(f"GONGKAI_CATALOGUE 不是有效的 JSON：{exc}") from None
    return CatalogueRules.from_mapping(values)


def catalogue_rules() -> CatalogueRules:
    configured = getattr(settings, "GONGKAI_CATALOGUE", None)
    if isinstance(configured, CatalogueRules):
        return configured
    if isinstance(configured, Mapping):
        return _rules_from_json(json.dumps(configured, sort_keys=True))
    return _rules_from_json(os.environ.get("GONGKAI_CATALOGUE", ""))


def publication_due_for(formed_on: date) -> tuple[date | None, str]:
    """§26: 20 working days after forming or change; None with the reason when the calendar
    has no data for that year (never a weekend guess)."""
    try:
        return publication_due(formed_on, work_calendar()), ""
    except CalendarDataMissing as exc:
        return None, str(exc)[:200]
