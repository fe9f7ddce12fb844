"""§29 ¶2 (一) (S1, VERIFIED): "政府信息公开申请应当包括下列内容：（一）申请人的姓名或者名称、
身份证明、联系方式；…" — the applicant's identity proof and a way to reach him."""

from __future__ import annotations

import pytest

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.required_contents import (
    contact_problem,
    has_contact,
    has_identity_proof,
    identity_supplement_items,
)

PERSON, FIRM = ApplicantType.NATURAL_PERSON, ApplicantType.LEGAL_SERVICE_ORG


@pytest.mark.parametrize(
    ("phone", "address", "email"),
    [("13812345678", "", ""), ("", "清河县人民路1号", ""), ("", "", "a@example.cn")],
)
def test_any_one_of_phone_address_or_email_is_a_contact(
    phone: str, address: str, email: str
) -> None:
    assert has_contact(phone, address, email)
    assert contact_problem(phone, address, email) is None


def test_no_contact_is_refused_with_the_article() -> None:
    assert not has_contact("  ", "", "")
    problem = contact_problem("", " ", "")
    assert problem is not None
    assert "联系方式" in problem and "第二十九条第二款第一项" in problem


def test_a_person_proves_identity_with_a_document_only() -> None:
    assert has_identity_proof(PERSON, "居民身份证 110101199001011234", "")
    # A credit code is an organisation's; it proves no person's identity.
    assert not has_identity_proof(PERSON, "", "91110000100000000A")
    assert not has_identity_proof(PERSON, "  ", "")


def test_an_organisation_proves_identity_with_its_code_or_a_registration_document() -> None:
    assert has_identity_proof(FIRM, "", "31110000400000000X")
    assert has_identity_proof(FIRM, "律师事务所执业许可证 31110000", "")
    assert not has_identity_proof(FIRM, "", "")


def test_the_supplement_names_the_missing_proof_and_the_article() -> None:
    person = identity_supplement_items(PERSON)
    firm = identity_supplement_items(FIRM)
    assert person is not None and firm is not None
    assert "身份证明" in person and "居民身份证" in person and "第二十九条" in person
    assert "身份证明" in firm and "统一社会信用代码" in firm and "营业执照" in firm
    assert identity_supplement_items(PERSON, id_document="护照 E12345678") is None
    assert identity_supplement_items(FIRM, credit_code="31110000400000000X") is None
