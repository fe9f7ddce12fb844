from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from web_builders import make_staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.web.portal.demo import BUREAU, DEMO_TOKENS, load_demo
from gongkai.web.portal.models import OnlineIntake, OnlineSubmission

pytestmark = pytest.mark.django_db


def test_demo_opens_the_bureau_and_makes_online_cases_trackable(client: Client) -> None:
    staff = make_staff(name=BUREAU)
    today = timezone.localdate()
    registered(staff, today, channel=Channel.ONLINE)
    registered(staff, today, channel=Channel.IN_PERSON)
    load_demo(today)
    assert OnlineIntake.objects.get(agency=staff.agency).accepts
    submission = OnlineSubmission.objects.get()
    assert submission.application.channel == Channel.ONLINE.value
    page = client.get(f"/public/track/{DEMO_TOKENS[0]}/")
    assert page.status_code == 200
    assert submission.tracking_number in page.content.decode()
    load_demo(today)  # again: nothing doubled
    assert OnlineSubmission.objects.count() == 1
