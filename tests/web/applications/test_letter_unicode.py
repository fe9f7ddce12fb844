"""Letters never fail on the text they quote: any Unicode in the applicant's name, address
and request (control characters, bidi overrides, surrogates, noncharacters …) gives a valid
DOCX and PDF for every kind of letter, and a stored case with such a name still downloads."""

from __future__ import annotations

import io
from datetime import date

import pytest
from builders_applications import case_in, logged_in
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_builders import Staff

from gongkai.core.applications.outcomes import DECIDABLE
from gongkai.core.applications.statuses import Status
from gongkai.core.letters import (
    AgencyFacts,
    ApplicationFacts,
    ConsultedParty,
    Decision,
    LetterText,
    consultation_letter,
    extension_notice,
    reply,
    supplement_notice,
    termination_notice,
)
from gongkai.core.letters.replies import DETAILS_REQUIRED
from gongkai.core.text_hygiene import text_problem
from gongkai.web.applications.letter_files import docx_bytes, pdf_bytes
from gongkai.web.applications.models import Application, Letter

DAY = date(2025, 3, 3)
# Ordinary text mixed with what breaks documents: control and format characters, private use,
# surrogates, unassigned code points, line separators, and noncharacters.
NASTY = st.characters(categories=["Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"])
ANY_TEXT = st.text(st.one_of(st.characters(), NASTY, st.sampled_from("\ufffe\uffff\ufdd0\x00")))
KINDS = ["supplement_notice", "extension_notice", "consultation", "termination_notice", "reply"]


def letter_of(kind: str, name: str, address: str, request: str, outcome_index: int) -> LetterText:
    agency = AgencyFacts(name="清河县公安局", review_body="清河县人民政府", address=address)
    app = ApplicationFacts("2025-0001", name or "周某", True, request or "某文件", DAY, DAY)
    if kind == "supplement_notice":
        return supplement_notice(
            agency, app, sent_on=DAY, items=request, supplement_due=DAY, period_wd=10
        )
    if kind == "extension_notice":
        return extension_notice(agency, app, approved_on=DAY, days=10, reason=request, new_due=DAY)
    if kind == "consultation":
        party = ConsultedParty(name=name or "某公司", is_agency=False)
        return consultation_letter(agency, app, party, sent_on=DAY, matter=request)
    if kind == "termination_notice":
        return termination_notice(
            agency, app, on=DAY, supplement_requested_on=DAY, supplement_due=DAY
        )
    outcome = DECIDABLE[outcome_index % len(DECIDABLE)]
    decision = Decision(
        outcome,
        reasons=request or "理由",
        details=address or "途径" if outcome in DETAILS_REQUIRED else "",
        referral=address or "某局",
    )
    return reply(agency, app, decision, DAY)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    name=ANY_TEXT,
    address=ANY_TEXT,
    request=ANY_TEXT,
    outcome_index=st.integers(0, 50),
)
def test_every_letter_renders_whatever_the_text(
    kind: str, name: str, address: str, request: str, outcome_index: int
) -> None:
    try:
        letter = letter_of(kind, name, address, request, outcome_index)
    except Exception as exc:  # a refused decision (e.g. a reason the outcome needs) is fine
        from gongkai.core.errors import GongkaiError

        assert isinstance(exc, GongkaiError)
        return
    document = Document(io.BytesIO(docx_bytes(letter)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert letter.title in text
    assert text_problem(text, multiline=True) is None
    assert pdf_bytes(letter).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_stored_name_with_control_characters_still_gives_its_letters(staff: Staff) -> None:
    """The known failure: a control character in an applicant's name (stored before intake
    refused it) made that case's reply fail as DOCX and PDF (HTTP 500) for good."""
    app = case_in(staff, Status.ISSUED)
    Application.objects.filter(pk=app.pk).update(applicant_name="周\x01某\u202e")
    letter = Letter.objects.get(application=app, kind="reply")
    content = dict(letter.content)
    content["addressee"] = "周\x01某\u202e\x0b："
    Letter.objects.filter(pk=letter.pk).update(content=content)
    client = logged_in("handler")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(f"/applications/letters/{letter.pk}/{fmt}/")
        assert response.status_code == 200, fmt
        assert b"".join(response.streaming_content).startswith(magic)
    preview = client.get(f"/applications/letters/{letter.pk}/").content.decode()
    assert "周某" in preview and "\x01" not in preview
