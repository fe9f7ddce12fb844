"""Builders for the portal's tests: an agency open for online applications, a complete
valid form post, and small files of each accepted type."""

from __future__ import annotations

import time
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.portal.challenge import Question
from gongkai.web.agencies.models import Agency
from gongkai.web.portal import antispam
from gongkai.web.portal.models import OnlineIntake, OnlineSubmission

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64
QUESTION = Question("三加五等于几？", 8)


def open_agency(name: str = "测试县公安局") -> Agency:
    agency = Agency.objects.create(name=name, kind=Agency.Kind.DEPARTMENT)
    OnlineIntake.objects.create(agency=agency, accepts=True, notice="受理时间：工作日")
    return agency


def spam_fields(key: str | None = None, age_seconds: float = 60) -> dict[str, str]:
    """A ticket served ``age_seconds`` ago and the answered question bound to it."""
    ticket = antispam.issue_ticket(key, time.time() - age_seconds)
    decoded = antispam.decode_ticket(ticket)
    assert decoded is not None
    _, challenge = antispam.issue_challenge(decoded.key, QUESTION)
    return {
        "ticket": ticket,
        "challenge": challenge,
        "challenge_answer": "8",
        antispam.HONEYPOT: "",
    }


def person_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant_type": ApplicantType.NATURAL_PERSON.value,
        "person_name": "周明",
        "id_document_type": "resident_id",
        "id_number": VALID_ID,
        "contact_phone": "13812345678",
        "contact_address": "清河县人民路1号",
        "contact_email": "zhou@example.cn",
        "description": "2025年度本县道路交通事故统计数据",
        "purpose": "",
        "requested_form": "electronic",
        "delivery": "email",
        **spam_fields(),
    }
    data.update(overrides)
    return data


def organisation_post(kind: ApplicantType, **overrides: Any) -> dict[str, Any]:
    data = person_post(
        applicant_type=kind.value,
        person_name="",
        id_document_type="",
        id_number="",
        org_name="清河律师事务所",
        credit_code=VALID_CREDIT_CODE,
        contact_person="李律师",
    )
    data.update(overrides)
    return data


def pdf_file(name: str = "身份证.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def apply_url(agency: Agency) -> str:
    return reverse("portal:apply", args=[agency.pk])


def submit(client: Client, agency: Agency, data: dict[str, Any]) -> Any:
    return client.post(apply_url(agency), data)


def token_of(response: Any) -> str:
    """The private token from the redirect to the receipt page."""
    location = response["Location"]
    assert "/receipt/" in location, location
    return location.rstrip("/").split("/")[-2]


def only_submission() -> OnlineSubmission:
    return OnlineSubmission.objects.select_related("application").get()
