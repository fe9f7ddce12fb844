"""Letters of a case: the facts from the database → the core's text → a ``Letter`` row,
whose files are rendered once the transaction commits.

Agency-specific letter settings (``GONGKAI_LETTERS``, JSON):

* ``review_bodies``: {agency name: 复议机关}. Default for a department supervised by
  "X人民政府办公室": "X人民政府" (S6 §24 ¶1(一)); otherwise "本级人民政府".
* ``superiors``: {agency name: 上一级主管部门} (default the words "上一级主管部门").
* ``vertically_managed``: [agency names] whose 复议机关 is the superior (S6 §27).
* ``abbreviations``: {agency name: prefix of document numbers} (UNVERIFIED practice).
* ``court``: the court named in lawsuits (default "有管辖权的人民法院").
* ``partial_requires_review_first``: bool, default true (DERIVED/UNVERIFIED, domain.md §3.9).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings

from gongkai.core.applications.applicants import is_person
from gongkai.core.errors import GongkaiError
from gongkai.core.letters import AgencyFacts, ApplicationFacts, LetterText, RemedyRules
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, CorrectionRequest, Letter

GOVERNMENT_OFFICE_SUFFIX = "办公室"


@dataclass(frozen=True)
class LetterSettings:
    review_bodies: Mapping[str, str] = field(default_factory=dict)
    superiors: Mapping[str, str] = field(default_factory=dict)
    vertically_managed: tuple[str, ...] = ()
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    court: str = "有管辖权的人民法院"
    partial_requires_review_first: bool = True

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> LetterSettings:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - known)
        if unknown:
            raise GongkaiError(f"未知的文书设置（GONGKAI_LETTERS）：{'、'.join(unknown)}")
        data = dict(values)
        data["vertically_managed"] = tuple(data.get("vertically_managed", ()))
        return cls(**data)

    @property
    def remedy_rules(self) -> RemedyRules:
        return RemedyRules(partial_requires_review_first=bool(self.partial_requires_review_first))


def letter_settings() -> LetterSettings:
    return LetterSettings.from_mapping(getattr(settings, "GONGKAI_LETTERS", {}) or {})


def _review_body(agency: Agency, configured: Mapping[str, str]) -> str:
    if agency.name in configured:
        return configured[agency.name]
    office = agency.supervisor
    if (
        office is not None
        and office.kind == Agency.Kind.GOVERNMENT_OFFICE
        and office.name.endswith(GOVERNMENT_OFFICE_SUFFIX)
    ):
        return office.name.removesuffix(GOVERNMENT_OFFICE_SUFFIX)
    if agency.kind == Agency.Kind.GOVERNMENT_OFFICE and agency.name.endswith("办公室"):
        # The office acts for its government; review goes to the government above (S6 §24).
        return "上一级人民政府"
    return "本级人民政府"


def agency_facts(agency: Agency) -> AgencyFacts:
    config = letter_settings()
    return AgencyFacts(
        name=agency.name,
        review_body=_review_body(agency, config.review_bodies),
        superior=config.superiors.get(agency.name, "上一级主管部门"),
        court=config.court,
        vertically_managed=agency.name in config.vertically_managed,
        address=agency.address,
        phone=agency.phone,
        abbreviation=config.abbreviations.get(agency.name, ""),
    )


def application_facts(app: Application) -> ApplicationFacts:
    received = app.received_date or app.first_received_date or app.arrived_at.date()
    return ApplicationFacts(
        number=app.number,
        applicant_name=app.applicant_name,
        is_person=is_person(app.applicant_type_enum),
        description=app.description,
        first_received=app.first_received_date or received,
        received=received,
    )


def store_letter(
    owner: Application | CorrectionRequest,
    text: LetterText,
    *,
    issued_on: date | None,
    replace: Letter | None = None,
) -> Letter:
    """Save the letter's text (inside the step's transaction) and render its files on commit.

    ``owner`` is the application, or the §41 correction request whose notice it is.
    ``replace`` rewrites a draft (the reply drafted at the decision and dated at issue).
    """
    from gongkai.web.applications.letter_files import schedule_letter_files

    if replace is not None:
        letter = replace
    elif isinstance(owner, CorrectionRequest):
        letter = Letter(correction_request=owner, kind=text.kind.value)
    else:
        letter = Letter(application=owner, kind=text.kind.value)
    letter.title = text.title
    letter.content = text.to_data()
    letter.issued_on = issued_on
    letter.rendered_at = None
    letter.save()
    schedule_letter_files(letter.pk)
    return letter


def current_draft(app: Application, kind: str) -> Letter | None:
    return app.letters.filter(kind=kind, issued_on__isnull=True).order_by("-pk").first()


def letter_text(letter: Letter) -> LetterText:
    return LetterText.from_data(letter.content)
