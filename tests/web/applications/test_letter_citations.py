"""A 部分公开 decision names the ground of its withheld part, and its reply cites that
ground's article (§37; §36(三) reasons and basis for any refusal; domain.md §3.9)."""

from __future__ import annotations

import pytest
from builders_applications import D
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, Letter
from gongkai.web.kernel.guards import GuardFailed

pytestmark = pytest.mark.django_db
LAW = "《中华人民共和国政府信息公开条例》"


def test_a_partial_answer_without_the_ground_of_the_withheld_part_is_refused(
    staff: Staff,
) -> None:
    app = registered(staff, D[3])
    with pytest.raises(GuardFailed, match="不予公开部分的理由类别"):
        services.decide(
            staff[Role.REVIEWER], app.pk, on=D[5], outcome=Outcome.PARTIAL, reasons="部分涉密"
        )
    assert not Letter.objects.filter(application=app).exists()
    assert Application.objects.get(pk=app.pk).outcome == ""


def test_a_partial_reply_cites_the_article_of_the_withheld_part(staff: Staff) -> None:
    app = registered(staff, D[3])
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=D[5],
        outcome=Outcome.PARTIAL,
        reasons="内部审批流程部分",
        withheld_ground=Outcome.DENIED_INTERNAL.value,
    )
    services.issue(staff[Role.HANDLER], app.pk, on=D[6])
    stored = Application.objects.get(pk=app.pk)
    assert stored.withheld_ground == Outcome.DENIED_INTERNAL.value
    text = "".join(Letter.objects.get(application=app, kind="reply").content["paragraphs"])
    assert "第三十七条" in text
    assert f"{LAW}第十六条第一款、第三十六条第三项" in text


def test_only_a_partial_answer_takes_a_withheld_ground(staff: Staff) -> None:
    app = registered(staff, D[3])
    with pytest.raises(GuardFailed, match="只有部分公开"):
        services.decide(
            staff[Role.REVIEWER],
            app.pk,
            on=D[5],
            outcome=Outcome.GRANTED,
            withheld_ground=Outcome.DENIED_INTERNAL.value,
        )
