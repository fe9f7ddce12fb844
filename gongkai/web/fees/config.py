"""The fee settings of this installation (``GONGKAI_FEES``, JSON; see docs/fees.md)."""

from __future__ import annotations

from django.conf import settings

from gongkai.core.fees.rules import FeeRules


def fee_rules() -> FeeRules:
    """Read on every use, so a test's ``override_settings`` applies; bad keys are refused."""
    values = getattr(settings, "GONGKAI_FEES", None) or {}
    return values if isinstance(values, FeeRules) else FeeRules.from_mapping(values)
