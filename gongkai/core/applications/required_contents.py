"""§29 ¶2 (一): who the applicant is and how to reach him, as the application must state.

S1 §29 ¶2 (VERIFIED): "政府信息公开申请应当包括下列内容：（一）申请人的姓名或者名称、身份证明、
联系方式；（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开
的政府信息的形式要求，包括获取信息的方式、途径。"

The two parts of (一) fail differently, so the platform treats them differently:

* **No way to reach the applicant** (no phone, no postal address, no e-mail): nothing can be
  sent to him — not a 补正 notice, not the answer — so the application is refused at
  registration with the reason (the registrar asks for a contact before registering).
* **No identity proof**: the application can be registered and answered in writing, but it
  lacks a content §29 requires; the agency asks for it once and completely with a 补正
  notice (§30), made in the same step that fixes day 0. Using §30's 补正 for a missing §29
  content is DERIVED: §30 speaks of "申请内容不明确"; local 补正告知书 templates list the
  identity proof among the 需要补正的事项 (practice, UNVERIFIED as a national rule).

What counts as proof (DERIVED): for a natural person, an identity document (type and number);
for a legal person or other organisation, its 统一社会信用代码 or a registration document
(营业执照, 登记证书) recorded in the identity field.
"""

from __future__ import annotations

from gongkai.core.applications.applicants import ApplicantType, is_person

ARTICLE = "《中华人民共和国政府信息公开条例》第二十九条第二款第一项"

CONTACT_MISSING = (
    f"申请未载明申请人的联系方式，无法送达补正告知或答复：请至少填写联系电话、通信地址、"
    f"电子邮箱中的一种（{ARTICLE}）"
)


def has_contact(phone: str = "", address: str = "", email: str = "") -> bool:
    """At least one way to reach the applicant (any one of the three suffices)."""
    return any(value.strip() for value in (phone, address, email))


def contact_problem(phone: str = "", address: str = "", email: str = "") -> str | None:
    """Why the application cannot be registered for want of a contact (Chinese), or None."""
    return None if has_contact(phone, address, email) else CONTACT_MISSING


def has_identity_proof(applicant_type: ApplicantType, id_document: str, credit_code: str) -> bool:
    """A person needs an identity document; an organisation its credit code or a
    registration document written in the identity field."""
    if is_person(applicant_type):
        return bool(id_document.strip())
    return bool(credit_code.strip() or id_document.strip())


def identity_supplement_items(
    applicant_type: ApplicantType, id_document: str = "", credit_code: str = ""
) -> str | None:
    """The 需要补正的事项 naming the missing proof, or None when the application carries it."""
    if has_identity_proof(applicant_type, id_document, credit_code):
        return None
    if is_person(applicant_type):
        proof = "申请人的身份证明（居民身份证等有效身份证件的复印件，并写明证件类型及号码）"
    else:
        proof = (
            "申请人的身份证明（营业执照、事业单位法人证书、社会团体登记证书等登记证书的复印件，"
            "并写明统一社会信用代码）"
        )
    return f"{proof}。申请缺少{ARTICLE}规定的身份证明，请补正"
