"""Builders for web tests: an agency with one user per role, and cases in any state, made
through the services so that test data obeys the same rules as real data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.roles import Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

PASSWORD = "test-password-123"


@dataclass
class Staff:
    agency: Agency
    office: Agency
    users: dict[Role, AbstractBaseUser]

    def __getitem__(self, role: Role) -> AbstractBaseUser:
        return self.users[role]


def make_staff(name: str = "测试县公安局", prefix: str = "") -> Staff:
    office = Agency.objects.create(name=f"{name}主管办公室", kind=Agency.Kind.GOVERNMENT_OFFICE)
    agency = Agency.objects.create(name=name, kind=Agency.Kind.DEPARTMENT, supervisor=office)
    users: dict[Role, AbstractBaseUser] = {}
    for role in Role:
        user = get_user_model().objects.create_user(
            username=f"{prefix}{role.value}", password=PASSWORD
        )
        where = office if role is Role.SUPERVISOR else agency
        Membership.objects.create(user=user, agency=where, role=role.value)
        users[role] = user
    return Staff(agency, office, users)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def registered(
    staff: Staff,
    day: date,
    channel: Channel = Channel.IN_PERSON,
    applicant_type: ApplicantType = ApplicantType.NATURAL_PERSON,
    **details: Any,
) -> Application:
    """A registered application; §29 ¶2 (一) contents default to a complete application (an
    identity document and a phone) unless the test names its own identity or contact."""
    if not {"id_document", "credit_code"} & details.keys():
        details["id_document"] = "居民身份证 110101199001011234"
    if not {"contact_phone", "contact_address", "contact_email"} & details.keys():
        details["contact_phone"] = "13800000000"
    return services.register(
        staff[Role.REGISTRAR],
        staff.agency,
        channel=channel,
        arrived_at=at(day),
        applicant_type=applicant_type,
        applicant_name=details.pop("applicant_name", "周某"),
        description=details.pop("description", "2025年度行政处罚案件数量"),
        **details,
    )
