"""Fee figures of an agency's year for section 六 of the annual report (docs/fees.md)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from gongkai.core.fees.statistics import FeeFigures, FeeRecord
from gongkai.core.fees.statistics import fee_figures as compute_fee_figures
from gongkai.web.agencies.models import Agency
from gongkai.web.fees.models import FeeCharge


def fee_records(agency: Agency, year: int) -> Iterator[FeeRecord]:
    """Charges with a notice or a payment in ``year`` (the only ones the figures count)."""
    charges = FeeCharge.objects.filter(application__agency=agency).filter(
        Q(notice_sent_on__year=year) | Q(paid_on__year=year)
    )
    for charge in charges.select_related("application").order_by("pk"):
        yield FeeRecord(
            method=charge.method_enum,
            amount=charge.amount,
            notice_sent_on=charge.notice_sent_on,
            paid_on=charge.paid_on,
            paid_amount=charge.paid_amount,
            reference=charge.application.number,
        )


def fee_figures(agency: Agency, year: int) -> FeeFigures:
    """Notices sent, amount notified and amount collected (元), in total and by method.

    ``.sentence`` is the section 六 sentence; ``.as_dict()`` the figures as plain data.
    """
    return compute_fee_figures(fee_records(agency, year), year)
