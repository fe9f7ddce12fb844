"""The fee demo (through the services) and the section 六 figures built from it."""

from __future__ import annotations

from datetime import date

import pytest
from builders_fees import notified_case
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.core.checks import run_checks
from gongkai.core.fees.schedules import FeeMethod
from gongkai.core.report.model import Severity
from gongkai.web import demo
from gongkai.web.applications.models import Application
from gongkai.web.applications.statistics import annual_report
from gongkai.web.fees import demo as fee_demo
from gongkai.web.fees import services
from gongkai.web.fees.models import FeeCharge
from gongkai.web.fees.statistics import fee_figures

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 20)


def test_fee_demo_has_a_paid_and_an_unpaid_case_and_table3_still_checks() -> None:
    demo.create_demo_agency()
    fee_demo.load_demo(TODAY)
    bureau = demo.Agency.objects.get(name=demo.BUREAU)
    charges = {c.application.applicant_name + str(c.ordinal): c for c in FeeCharge.objects.all()}
    paid, unpaid = charges["频繁某11"], charges["频繁某12"]
    assert paid.amount == 100 and paid.paid_amount == 100
    assert unpaid.application.status == Status.FEE_LAPSED
    law_firm = FeeCharge.objects.get(method=FeeMethod.PER_PAGE.value)
    assert (law_firm.pages, law_firm.amount, law_firm.paid_amount) == (120, 1100, 1100)
    assert Application.objects.filter(status=Status.ISSUED).count() == 12
    report = annual_report(bureau, 2025)
    assert report.table3["other_fee_unpaid"]["total"] == 1
    assert [f for f in run_checks(report) if f.severity is Severity.ERROR and "T3" in f.rule] == []
    figures = fee_figures(bureau, 2025)
    assert (figures.notices, figures.charged, figures.collected) == (3, 1300, 1200)
    assert figures.by_method[FeeMethod.PER_APPLICATION].charged == 200


def test_fee_demo_without_calendar_data_leaves_fees_out() -> None:
    demo.create_demo_agency()
    fee_demo.load_demo(date(2028, 6, 1))  # no calendar data for 2028: nothing half-made
    assert not FeeCharge.objects.exists()


def test_figures_count_notices_by_sending_year_and_money_by_payment_year(staff: Staff) -> None:
    app = notified_case(staff, date(2024, 12, 2), date(2024, 12, 30), date(2024, 12, 30))
    services.record_fee_payment(staff[Role.HANDLER], app.pk, on=date(2025, 1, 6), amount=720)
    last, this = fee_figures(staff.agency, 2024), fee_figures(staff.agency, 2025)
    assert (last.notices, last.charged, last.collected) == (1, 720, 0)
    assert (this.notices, this.charged, this.collected) == (0, 0, 720)
    assert this.sentence == (
        "2025年度本机关发出信息处理费收费通知0件，通知收取金额0元，实际收取金额720元。"
    )
    assert fee_figures(staff.office, 2025).sentence == "2025年度本机关未收取信息处理费。"
