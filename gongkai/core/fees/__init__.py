"""信息处理费 (§42 and 国办函〔2020〕109号): pure schedules, assessment, payment window
and the figures for the annual report, in whole 元."""

from gongkai.core.fees.assessment import (
    FeeAssessment,
    MonthEntry,
    UnknownApplicant,
    applicant_key,
    assess,
    ordinal_in_month,
)
from gongkai.core.fees.payment import check_lapse, check_payment, fee_clock_pause, payment_due
from gongkai.core.fees.rules import FeeRules, InvalidFeeRules
from gongkai.core.fees.schedules import (
    FeeMethod,
    fee_for_application,
    monthly_per_application_total,
    per_application_fee,
    per_page_fee,
)
from gongkai.core.fees.statistics import FeeFigures, FeeRecord, MethodFigures, fee_figures

__all__ = [
    "FeeAssessment",
    "FeeFigures",
    "FeeMethod",
    "FeeRecord",
    "FeeRules",
    "InvalidFeeRules",
    "MethodFigures",
    "MonthEntry",
    "UnknownApplicant",
    "applicant_key",
    "assess",
    "check_lapse",
    "check_payment",
    "fee_clock_pause",
    "fee_figures",
    "fee_for_application",
    "monthly_per_application_total",
    "ordinal_in_month",
    "payment_due",
    "per_application_fee",
    "per_page_fee",
]
