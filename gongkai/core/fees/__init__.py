"""信息处理费 (§42 and 国办函〔2020〕109号): pure fee schedules in whole 元."""

from gongkai.core.fees.schedules import (
    FeeMethod,
    fee_for_application,
    monthly_per_application_total,
    per_application_fee,
    per_page_fee,
)

__all__ = [
    "FeeMethod",
    "fee_for_application",
    "monthly_per_application_total",
    "per_application_fee",
    "per_page_fee",
]
