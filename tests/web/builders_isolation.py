"""Two agencies side by side, each with objects of every kind a URL can name.

Used by tests/web/test_isolation.py: agency A owns the objects; the insider of agency B, the
supervisor of B's office and an anonymous visitor try to reach them. Objects of A carry
MARKERS, texts that must never appear in anything B receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from builders_api import chief
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from web_builders import Staff, make_staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.api.tokens import issue_token
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

DAY = date(2025, 3, 3)
MARKERS = ("甲机关申请人欧阳某", "甲机关专有的申请内容", "甲机关专有的目录条目")
# Apps whose rows a request may add without changing anything of an agency.
NOT_AGENCY_DATA = {"axes", "sessions", "admin", "api", "contenttypes", "auth"}


@dataclass
class World:
    a: Staff
    b: Staff
    a_chief: AbstractBaseUser
    b_chief: AbstractBaseUser
    root: AbstractBaseUser
    _clients: dict[tuple[str, bool], Client] = field(default_factory=dict)

    # -- who asks -----------------------------------------------------------------------

    def user(self, who: str) -> AbstractBaseUser | None:
        return {
            "a": self.a_chief,
            "b": self.b_chief,
            "a_supervisor": self.a[Role.SUPERVISOR],
            "b_supervisor": self.b[Role.SUPERVISOR],
            "root": self.root,
            "anonymous": None,
        }[who]

    def client(self, who: str, api: bool) -> Client:
        key = (who, api)
        if key not in self._clients:
            user = self.user(who)
            if user is None:
                self._clients[key] = Client()
            elif api:
                secret = issue_token(user, "isolation")
                self._clients[key] = Client(headers={"authorization": f"Bearer {secret}"})
            else:
                client = Client()
                client.force_login(user)
                self._clients[key] = client
        return self._clients[key]

    # -- agency A's objects -------------------------------------------------------------

    @cached_property
    def application(self) -> Application:
        """Received, with every marker; the due date runs."""
        return registered(
            self.a,
            DAY,
            applicant_name=MARKERS[0],
            description=MARKERS[1],
            id_document="居民身份证 110101199003071234",
            contact_phone="13812345678",
        )

    @cached_property
    def decided(self) -> Application:
        app = registered(self.a, DAY, applicant_name=MARKERS[0], description=MARKERS[1])
        services.decide(self.a_chief, app.pk, on=DAY, outcome=Outcome.GRANTED)
        return Application.objects.get(pk=app.pk)

    @cached_property
    def online(self) -> Application:
        return registered(self.a, DAY, channel=Channel.ONLINE, applicant_name=MARKERS[0])

    @cached_property
    def letter_id(self) -> int:
        letter = self.decided.letters.order_by("pk").first()
        assert letter is not None, "作出决定时应生成答复书草稿"
        return int(letter.pk)

    @cached_property
    def catalogue_item_id(self) -> int:
        from builders_catalogue import drafted

        return int(drafted(self.a, title=MARKERS[2]).pk)

    @cached_property
    def published_item_id(self) -> int:
        from builders_catalogue import published

        return int(published(self.a, title=MARKERS[2]).pk)

    @cached_property
    def normative_document_id(self) -> int:
        model = apps.get_model("catalogue", "NormativeDocument")
        doc = model.objects.create(
            agency=self.a.agency,
            kind=model._meta.get_field("kind").choices[0][0],
            title=MARKERS[2],
            document_number="甲政规〔2025〕1号",
            issued_on=DAY,
        )
        return int(doc.pk)

    @cached_property
    def business_import_id(self) -> int:
        model = apps.get_model("catalogue", "BusinessImport")
        batch = model.objects.create(
            agency=self.a.agency,
            year=2025,
            filename="甲机关业务数据.xlsx",
            sha256="0" * 64,
            content=b"",
            uploaded_by=self.a_chief,
        )
        return int(batch.pk)

    @cached_property
    def new_media_id(self) -> int:
        model = apps.get_model("catalogue", "NewMediaAccount")
        account = model.objects.create(
            agency=self.a.agency, platform="wechat", name=MARKERS[2], operator="甲机关办公室"
        )
        return int(account.pk)

    @cached_property
    def remedy_id(self) -> int:
        model = apps.get_model("remedies", "RemedyCase")
        case = model.objects.create(
            agency=self.a.agency,
            kind=model._meta.get_field("kind").choices[0][0],
            application=self.application,
            claimant=MARKERS[0],
            forum="甲市人民政府",
            filed_on=DAY,
        )
        return int(case.pk)

    @cached_property
    def correction_id(self) -> int:
        """A §41 更正 request of A, decided: its notice is a Letter without an application."""
        from gongkai.web.applications.correcting import decide_correction, register_correction

        request = register_correction(
            self.a_chief,
            self.a.agency,
            arrived_on=DAY,
            applicant_type="natural_person",
            applicant_name=MARKERS[0],
            contact="13812345678",
            record=MARKERS[1],
            requested="更正后的记录",
            evidence="户口簿复印件",
        )
        decide_correction(
            self.a_chief, request.pk, on=DAY, decision="referred", competent_agency="甲市民政局"
        )
        return int(request.pk)

    @cached_property
    def correction_letter_id(self) -> int:
        from gongkai.web.applications.models import Letter

        return int(Letter.objects.get(correction_request_id=self.correction_id).pk)

    # -- what B must not change ---------------------------------------------------------

    def snapshot(self) -> tuple[Any, ...]:
        """Every row count of agency data, and the state of A's applications."""
        counts = tuple(
            (m._meta.label, m._default_manager.count())
            for m in apps.get_models()
            if m._meta.app_label not in NOT_AGENCY_DATA and m._meta.managed
        )
        cases = tuple(
            Application.objects.filter(agency=self.a.agency)
            .order_by("pk")
            .values_list("pk", "status", "due_date", "outcome", "extension_days")
        )
        return counts, cases


def make_world() -> World:
    a = make_staff("甲县公安局", prefix="a-")
    b = make_staff("乙县公安局", prefix="b-")
    # Every role of each agency in one person: the strongest insider of B.
    a_chief = chief(a.agency, "a-chief")
    b_chief = chief(b.agency, "b-chief")
    for world_side, person in ((a, a_chief), (b, b_chief)):
        from gongkai.web.agencies.models import Membership

        Membership.objects.create(
            user=person, agency=world_side.agency, role=Role.ADMINISTRATOR.value
        )
    root = get_user_model().objects.create_superuser("root", password="root-password-2026")
    return World(a, b, a_chief, b_chief, root)
