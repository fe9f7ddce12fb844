"""Cross-agency isolation, for every URL the project serves (issue 4 item 9).

The test walks Django's whole URL resolver. Every pattern must be classified in CLASSIFIED
below (or fall under a PREFIX_RULES entry), else ``test_every_url_is_classified`` fails and
says what to add. For each classified pattern:

* ``Public``: an anonymous visitor gets an answer (no server error);
* ``AdminOnly``: a user who is not Django staff is turned away; a superuser gets an answer;
* ``Staff``: each ``Check`` asks for agency A's object (or a list page) as
  - A's insider (every working role): must succeed — so a wrong builder cannot make the test
    pass vacuously;
  - B's insider (every working role of another agency) and the supervisor of B's office: 403
    or 404 for A's objects, never one of A's MARKERS in any answer, and nothing changed;
  - A's own supervisor: may read (``supervisor="read"``) but never change anything;
  - an anonymous visitor: sent to the login page (web) or 401 (API).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from builders_api import sample_body
from builders_isolation import MARKERS, World, make_world
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from gongkai.web.api.v1.steps import STEPS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # A world has a dozen users; the production hasher would spend seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


Params = Callable[[World], dict[str, Any]]
DENIED = (403, 404)


def none(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Check:
    """One request about agency A's data.

    ``params`` names A's object in the URL (and builds it); ``body`` is a POST body;
    ``listing`` marks a page without an object of A: B may see it, but none of A's MARKERS;
    ``shows_markers``: A's insider must see a marker there (the positive control of a list);
    ``owner``: statuses that count as success for A's insider (``()``: anything but 403/404/5xx);
    ``supervisor``: "read" (A's supervisor gets ``owner``), or "any" (no rule beyond "changes
    nothing"); ``owner_is``: who the positive control asks as ("a" or "a_supervisor", for
    pages only supervisors have).
    """

    method: str = "GET"
    params: Params = none
    body: Callable[[World], dict[str, Any]] | None = None
    query: str = ""
    listing: bool = False
    shows_markers: bool = False
    owner: tuple[int, ...] = (200,)
    supervisor: str = "any"
    owner_is: str = "a"


@dataclass(frozen=True)
class Staff:
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Public:
    params: Params = none
    why: str = ""


@dataclass(frozen=True)
class AdminOnly:
    params: Params = none


Rule = Staff | Public | AdminOnly


def staff(*checks: Check) -> Staff:
    return Staff(checks)


def app(world: World) -> dict[str, Any]:
    return {"pk": world.application.pk}


def api_app(world: World) -> dict[str, Any]:
    return {"application_id": world.application.pk}


def agency(world: World) -> dict[str, Any]:
    return {"agency_id": world.a.agency.pk}


def agency_year(world: World) -> dict[str, Any]:
    return {"agency_id": world.a.agency.pk, "year": 2025}


def with_app(world: World) -> dict[str, Any]:
    world.application  # noqa: B018 - built for its markers on list pages
    return {}


def with_correction(world: World) -> dict[str, Any]:
    world.correction_id  # noqa: B018 - built for its markers on the list page
    return {}


def with_item(world: World) -> dict[str, Any]:
    world.catalogue_item_id  # noqa: B018
    return {}


def with_remedy(world: World) -> dict[str, Any]:
    world.remedy_id  # noqa: B018
    return {}


def api_letter(world: World) -> dict[str, Any]:
    return {"application_id": world.decided.pk, "letter_id": world.letter_id, "fmt": "docx"}


def serve_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    proof = SimpleUploadedFile("回执.pdf", b"%PDF-1.4\n")
    return {**sample_body("serve", on="2025-03-04"), "proof_file": proof}


def api_step(action: str) -> Staff:
    return staff(
        Check(
            "POST",
            api_app,
            body=lambda w: sample_body(action, on="2025-03-04"),
            owner=(),
            supervisor="any",
        )
    )


def fee_case(world: World) -> dict[str, Any]:
    from builders_fees import notified_case

    from gongkai.web.applications.models import Application

    found = Application.objects.filter(agency=world.a.agency, status="fee_pending").first()
    if found is None:
        found = notified_case(
            world.a, world.application.received_date, world.application.received_date, None
        )  # type: ignore[arg-type]
    return {"pk": found.pk}


def released_file(world: World) -> dict[str, Any]:
    """A file staff attached to A's answer (答复附件)."""
    from django.core.files.base import ContentFile

    from gongkai.web.applications.released import ReleasedFile

    found = ReleasedFile.objects.filter(application=world.application).first()
    if found is None:
        data = b"%PDF-1.4\n%isolation\n"
        found = ReleasedFile(
            application=world.application,
            name=f"{MARKERS[0]}.pdf",
            media_type="application/pdf",
            size=len(data),
            sha256="0" * 64,
            added_on=world.application.received_date or date(2025, 3, 4),
            added_by=world.a_chief,
        )
        found.file.save("released.pdf", ContentFile(data), save=False)
        found.save()
    return {"pk": world.application.pk, "released_id": found.pk}


def case_file(world: World) -> dict[str, Any]:
    """An applicant's upload (portal) on A's case."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gongkai.web.portal.models import Attachment, OnlineSubmission

    submission, _ = OnlineSubmission.objects.get_or_create(
        application=world.application,
        defaults={
            "tracking_number": "2025-ISOL-AT10",
            "idempotency_key": "isolation-attachment-key",
            "submitted_at": timezone.now(),
        },
    )
    found = Attachment.objects.filter(submission=submission).first()
    if found is None:
        found = Attachment(
            submission=submission,
            kind="identity",
            original_name=f"{MARKERS[0]}.pdf",
            media_type="application/pdf",
            size=9,
            sha256="0" * 64,
        )
        found.file.save("isolation.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": world.application.pk, "attachment_id": found.pk}


def catalogue_file(world: World) -> dict[str, Any]:
    """A file of A's draft catalogue item."""
    from builders_isolation import DAY

    from gongkai.core.applications.roles import Role
    from gongkai.web.catalogue import services as catalogue_services
    from gongkai.web.catalogue.models import ItemAttachment

    item_id = world.catalogue_item_id
    found = ItemAttachment.objects.filter(item_id=item_id, state="current").first()
    if found is None:
        found = catalogue_services.attach(
            world.a[Role.HANDLER],
            item_id,
            filename="甲机关附件.pdf",
            content_type="application/pdf",
            data=b"%PDF-1.4\n",
            on=DAY,
        )
    return {"pk": item_id, "file_id": found.pk}


def replacement_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("新附件.pdf", b"%PDF-1.5\n"), "note": "更正"}


def published_report(world: World) -> dict[str, Any]:
    """A's 2024 annual report, published (the explorer's page and exports read these)."""
    import hashlib

    from builders import consistent_report

    from gongkai.core.report import jsonio
    from gongkai.web.reports.models import ReportDraft, ReportVersion

    if not ReportVersion.objects.filter(agency=world.a.agency).exists():
        text = jsonio.dumps(consistent_report(2024, world.a.agency.name)) + "\n"
        ReportVersion.objects.create(
            draft=ReportDraft.objects.create(agency=world.a.agency, year=2024),
            agency=world.a.agency,
            year=2024,
            number=1,
            json_text=text,
            checksum=hashlib.sha256(text.encode()).hexdigest(),
            published_on=date(2025, 1, 15),
            published_by=world.a_chief,
            signed_off_by=world.a_chief,
        )
    return {}


LIST = Check(params=with_app, listing=True, shows_markers=True, supervisor="any")
PAGE = Check(listing=True, supervisor="any")  # a page of one's own (a form, a menu)

TRACK = "public/^track/(?P<token>[A-Za-z0-9_-]{20,100})/"
CORRECTION = "public/^correction/(?P<token>[A-Za-z0-9_-]{20,100})/"
API_APP = "api/v1/applications/<application_id>"
# Patterns under these prefixes share a rule, checked for each of them.
PREFIX_RULES: dict[str, Rule] = {"admin/": AdminOnly()}
ADMIN_PUBLIC = {"admin/login/", "admin/logout/"}

CLASSIFIED: dict[str, Rule] = {
    # -- the site -------------------------------------------------------------------------
    "": Public(why="the front door: every agency's public portal"),
    # Each role's home: A's insider sees A's cases in its queue sections (the markers); B's
    # insider and B's supervisor see none of them; A's supervisor reads its departments.
    "my/": staff(LIST, Check(listing=True, owner_is="a_supervisor", supervisor="read")),
    "login/": Public(),
    "logout/": Public(),
    "admin/login/": Public(),
    "admin/logout/": Public(),
    # -- applications (the workspace) -----------------------------------------------------
    "applications/": staff(LIST),
    "applications/register/": staff(PAGE),
    "applications/register/<str:intake>/": staff(
        Check(params=lambda w: {"intake": "in_person"}, listing=True)
    ),
    "applications/<int:pk>/": staff(Check(params=app, supervisor="read")),
    "applications/<int:pk>/steps/<str:action>/": staff(
        Check(
            "POST",
            lambda w: {**app(w), "action": "withdraw"},
            body=lambda w: {"on": "2025-03-04", "note": "撤回"},
            owner=(),
        ),
    ),
    "applications/<int:pk>/attachments/<int:attachment_id>/": staff(
        Check(params=case_file, supervisor="read")
    ),
    "applications/monthly/": staff(PAGE),
    "applications/<int:pk>/released/": staff(
        Check("POST", app, body=lambda w: {"on": "2025-03-04"}, owner=()),
    ),
    "applications/<int:pk>/released/<int:released_id>/": staff(
        Check(params=released_file, supervisor="read")
    ),
    "applications/<int:pk>/released/<int:released_id>/remove/": staff(
        Check("POST", released_file, body=lambda w: {"on": "2025-03-04"}, owner=()),
    ),
    # A case's letter, and a §41 更正 notice (a letter of a correction request, no case).
    "applications/letters/<int:letter_id>/": staff(
        Check(params=lambda w: {"letter_id": w.letter_id}, supervisor="read"),
        Check(params=lambda w: {"letter_id": w.correction_letter_id}, supervisor="read"),
    ),
    "applications/letters/<int:letter_id>/<str:fmt>/": staff(
        Check(params=lambda w: {"letter_id": w.letter_id, "fmt": "docx"}),
        Check(params=lambda w: {"letter_id": w.correction_letter_id, "fmt": "docx"}),
    ),
    # -- §41 更正 requests ----------------------------------------------------------------
    "applications/corrections/": staff(
        Check(params=with_correction, listing=True, shows_markers=True, supervisor="read")
    ),
    "applications/corrections/new/": staff(PAGE),
    "applications/corrections/<int:pk>/": staff(
        Check(params=lambda w: {"pk": w.correction_id}, supervisor="read")
    ),
    "applications/corrections/<int:pk>/decide/": staff(
        Check(
            "POST",
            lambda w: {"pk": w.correction_id},
            body=lambda w: {"on": "2025-03-04", "decision": "referred", "competent_agency": "乙局"},
            owner=(),
        ),
    ),
    # -- fees -----------------------------------------------------------------------------
    "fees/": staff(PAGE),
    "fees/<int:pk>/assess/": staff(
        Check(
            "POST", app, body=lambda w: {"on": "2025-03-04", "method": "per_application"}, owner=()
        ),
    ),
    "fees/<int:pk>/notice/": staff(
        Check("POST", app, body=lambda w: {"on": "2025-03-04"}, owner=()),
    ),
    "fees/<int:pk>/receipt/": staff(
        Check("POST", fee_case, body=lambda w: {"on": "2025-03-05"}, owner=()),
    ),
    "fees/<int:pk>/payment/": staff(
        Check("POST", fee_case, body=lambda w: {"on": "2025-03-06", "amount": "10"}, owner=()),
    ),
    "fees/<int:pk>/lapse/": staff(
        Check("POST", fee_case, body=lambda w: {"on": "2025-03-06"}, owner=()),
    ),
    "fees/<int:pk>/notice.<str:fmt>": staff(
        Check(params=lambda w: {**fee_case(w), "fmt": "docx"}),
    ),
    # -- remedies (复议、诉讼) -------------------------------------------------------------
    "remedies/": staff(
        Check(params=with_remedy, query="?year=2025", listing=True, shows_markers=True)
    ),
    "remedies/new/": staff(PAGE),
    "remedies/<int:pk>/": staff(Check(params=lambda w: {"pk": w.remedy_id}, supervisor="read")),
    "remedies/<int:pk>/edit/": staff(Check(params=lambda w: {"pk": w.remedy_id})),
    "remedies/<int:pk>/result/": staff(
        Check("POST", lambda w: {"pk": w.remedy_id}, body=lambda w: {}, owner=()),
    ),
    "remedies/<int:pk>/reanswer/": staff(
        Check("POST", lambda w: {"pk": w.remedy_id}, body=lambda w: {}, owner=()),
    ),
    # -- catalogue: the public portal -----------------------------------------------------
    "catalogue/<int:agency_id>/": Public(agency),
    "catalogue/<int:agency_id>/guide/": Public(agency),
    "catalogue/<int:agency_id>/items/": Public(agency),
    "catalogue/<int:agency_id>/items/<int:pk>/": Public(
        lambda w: {**agency(w), "pk": w.published_item_id}
    ),
    "catalogue/<int:agency_id>/items/<int:pk>/files/<int:file_id>/": Public(
        lambda w: {**agency(w), "pk": w.published_item_id, "file_id": 999999}
    ),
    "catalogue/<int:agency_id>/search/": Public(agency),
    # -- catalogue: staff -----------------------------------------------------------------
    "catalogue/manage/": staff(Check(listing=True, owner=(200, 302))),
    "catalogue/manage/<int:agency_id>/": staff(Check(params=agency)),
    "catalogue/manage/<int:agency_id>/items/": staff(
        Check(params=lambda w: {**agency(w), **with_item(w)})
    ),
    "catalogue/manage/<int:agency_id>/items/new/": staff(Check(params=agency)),
    "catalogue/manage/items/<int:pk>/": staff(
        Check(params=lambda w: {"pk": w.catalogue_item_id}, supervisor="any")
    ),
    "catalogue/manage/items/<int:pk>/edit/": staff(
        Check(params=lambda w: {"pk": w.catalogue_item_id})
    ),
    "catalogue/manage/items/<int:pk>/files/<int:file_id>/": staff(Check(params=catalogue_file)),
    "catalogue/manage/items/<int:pk>/files/<int:file_id>/replace/": staff(
        Check(params=catalogue_file),
        Check("POST", catalogue_file, body=replacement_upload, owner=(302,)),
    ),
    "catalogue/manage/items/<int:pk>/<slug:action>/": staff(
        Check(
            "POST",
            lambda w: {"pk": w.catalogue_item_id, "action": "review"},
            body=lambda w: {"on": "2025-03-04"},
            owner=(),
        )
    ),
    "catalogue/manage/<int:agency_id>/documents/": staff(Check(params=agency)),
    "catalogue/manage/documents/<int:pk>/<slug:action>/": staff(
        Check(
            "POST",
            lambda w: {"pk": w.normative_document_id, "action": "repeal"},
            body=lambda w: {"on": "2025-03-04"},
            owner=(),
        )
    ),
    "catalogue/manage/<int:agency_id>/import/": staff(Check(params=agency)),
    "catalogue/manage/import/<int:pk>/": staff(
        Check(params=lambda w: {"pk": w.business_import_id}, owner=())
    ),
    "catalogue/manage/<int:agency_id>/new-media/": staff(Check(params=agency)),
    "catalogue/manage/new-media/<int:pk>/posts/": staff(
        Check("POST", lambda w: {"pk": w.new_media_id}, body=lambda w: {}, owner=())
    ),
    "catalogue/manage/<int:agency_id>/guide/": staff(Check(params=agency)),
    # -- annual reports -------------------------------------------------------------------
    "reports/": staff(PAGE),
    "reports/supervision/": staff(Check(listing=True, owner_is="a_supervisor")),
    # The explorer: a supervisor's departments' published reports (or every agency's, for
    # the platform's administrator); B's supervisor gets a page without A (no markers; the
    # agency names are checked in tests/web/reports/test_explorer.py).
    "reports/explore/": staff(
        Check(params=published_report, listing=True, owner_is="a_supervisor", supervisor="read")
    ),
    "reports/explore/export/<slug:view>.<str:ext>": staff(
        Check(
            params=lambda w: {**published_report(w), "view": "agency", "ext": "csv"},
            listing=True,
            owner_is="a_supervisor",
            supervisor="read",
        )
    ),
    "reports/manage/<int:agency_id>/<int:year>/": staff(Check(params=agency_year)),
    "reports/manage/<int:agency_id>/<int:year>/edit/": staff(
        Check("POST", agency_year, body=lambda w: {}, owner=())
    ),
    "reports/manage/<int:agency_id>/<int:year>/previous/": staff(
        Check("POST", agency_year, body=lambda w: {}, owner=())
    ),
    "reports/manage/<int:agency_id>/<int:year>/acknowledge/": staff(
        Check("POST", agency_year, body=lambda w: {}, owner=())
    ),
    "reports/manage/<int:agency_id>/<int:year>/sign-off/": staff(
        Check("POST", agency_year, body=lambda w: {}, owner=())
    ),
    "reports/manage/<int:agency_id>/<int:year>/publish/": staff(
        Check("POST", agency_year, body=lambda w: {}, owner=())
    ),
    "reports/manage/<int:agency_id>/<int:year>/export/<str:fmt>/": staff(
        Check(params=lambda w: {**agency_year(w), "fmt": "json"})
    ),
    "reports/<int:agency_id>/": Public(agency),
    "reports/<int:agency_id>/<int:year>/v<int:number>/": Public(
        lambda w: {**agency_year(w), "number": 1}
    ),
    "reports/<int:agency_id>/<int:year>/v<int:number>/<str:fmt>/": Public(
        lambda w: {**agency_year(w), "number": 1, "fmt": "pdf"}
    ),
    # -- the applicant's side (tracking links are secrets, not accounts) -------------------
    "public/": Public(),
    "public/<int:agency_id>/apply/": Public(agency),
    "public/track/": Public(),
    "public/^track/(?P<token>[A-Za-z0-9_-]{20,100})/$": Public(
        lambda w: {"token": "x" * 40}, why="unknown token → 404"
    ),
    "public/^track/(?P<token>[A-Za-z0-9_-]{20,100})/receipt/$": Public(
        lambda w: {"token": "x" * 40}
    ),
    TRACK + "released/(?P<released_id>\\d+)/$": Public(
        lambda w: {"token": "x" * 40, "released_id": 1}, why="unknown token → 404"
    ),
    TRACK + "letters/(?P<letter_id>\\d+)/(?P<fmt>docx|pdf)/$": Public(
        lambda w: {"token": "x" * 40, "letter_id": w.letter_id, "fmt": "pdf"}
    ),
    "public/<int:agency_id>/correct/": Public(agency),
    CORRECTION + "$": Public(lambda w: {"token": "x" * 40}, why="unknown token → 404"),
    CORRECTION + "letters/(?P<letter_id>\\d+)/(?P<fmt>docx|pdf)/$": Public(
        lambda w: {"token": "x" * 40, "letter_id": w.letter_id, "fmt": "pdf"}
    ),
    # -- the HTTP API -----------------------------------------------------------------------
    "api/v1/": Public(why="ninja's API root"),
    "api/v1/openapi.json": Public(),
    "api/v1/docs": Public(),
    "api/v1/applications": staff(
        LIST,
        Check(query="?agency={a}", params=with_app, listing=True),
        Check(
            "POST",
            body=lambda w: {
                "agency_id": w.a.agency.pk,
                "channel": "in_person",
                "arrived_at": "2025-03-03T10:00:00+08:00",
                "applicant_type": "natural_person",
                "applicant_name": "某人",
                "contact_phone": "13812345678",
                "description": "某信息",
            },
            owner=(201,),
        ),
    ),
    "api/v1/applications/<application_id>": staff(Check(params=api_app, supervisor="read")),
    "api/v1/applications/<application_id>/events": staff(Check(params=api_app, supervisor="read")),
    "api/v1/applications/<application_id>/actions": staff(Check(params=api_app, supervisor="read")),
    "api/v1/applications/<application_id>/letters": staff(Check(params=api_app, supervisor="read")),
    "api/v1/applications/<application_id>/letters/<letter_id>/<fmt>": staff(
        Check(params=api_letter, supervisor="read")
    ),
    f"{API_APP}/actions/serve/upload": staff(
        Check("POST", api_app, body=serve_upload, owner=(), supervisor="any")
    ),
    "api/v1/me": staff(PAGE),
    "api/v1/agencies": staff(PAGE),
    "api/v1/agencies/<agency_id>/annual-report/<year>": staff(
        Check(params=agency_year, supervisor="read")
    ),
    "api/v1/agencies/<agency_id>/figures/<year>": staff(
        Check(params=agency_year, supervisor="read")
    ),
}
# Every step endpoint of the API has the same shape; its sample body is in builders_api.
for _action in STEPS:
    CLASSIFIED[f"{API_APP}/actions/{_action.value}"] = api_step(_action.value)


# -- walking the resolver ------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    view: str
    converters: tuple[str, ...] = field(default=())

    @property
    def api(self) -> bool:
        return self.route.startswith("api/")


def walk(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            view = pattern.lookup_str
            yield Route(prefix + str(pattern.pattern), name, view, _params(pattern.pattern))


def _params(pattern: RoutePattern | RegexPattern | Any) -> tuple[str, ...]:
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return tuple(getattr(pattern, "converters", {}) or ())


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in walk(get_resolver().url_patterns):
        seen.setdefault(route.route, route)  # ninja: one pattern per path, several names
    return list(seen.values())


def rule_for(route: str) -> Rule | None:
    if route in CLASSIFIED:
        return CLASSIFIED[route]
    for prefix, rule in PREFIX_RULES.items():
        if route.startswith(prefix) and route not in ADMIN_PUBLIC:
            return rule
    return None


ROUTES = all_routes()


def test_every_url_is_classified() -> None:
    missing = [r for r in ROUTES if rule_for(r.route) is None]
    lines = [
        f'    "{r.route}": staff(Check(params=lambda w: {{...}})),  # {r.name} → {r.view}'
        for r in missing
    ]
    assert not missing, (
        "These URL patterns are not classified for cross-agency isolation. Add each to "
        "CLASSIFIED in tests/web/test_isolation.py as Public(...), AdminOnly() or "
        "staff(Check(...)) — for a staff view give `params` that build agency A's object "
        "(see builders_isolation.World; add a builder there if the object is new) and, for "
        "a list page, Check(params=..., listing=True, shows_markers=True):\n" + "\n".join(lines)
    )


def test_no_stale_entries() -> None:
    present = {r.route for r in ROUTES}
    stale = sorted(set(CLASSIFIED) - present)
    assert not stale, f"CLASSIFIED names URL patterns that no longer exist; remove: {stale}"


# -- the checks ----------------------------------------------------------------------------


def url_of(route: Route, kwargs: dict[str, Any]) -> str:
    if route.name is None:
        raise AssertionError(f"{route.route} 没有 URL 名称，无法构造地址：请给它 name=")
    return reverse(route.name, kwargs=kwargs or None)


def request(world: World, who: str, route: Route, check: Check, url: str) -> Any:
    client = world.client(who, route.api)
    if check.method == "GET":
        return client.get(url)
    body = check.body(world) if check.body else {}
    # API bodies go as JSON, unless they carry a file: then as multipart/form-data.
    if route.api and not any(hasattr(value, "read") for value in body.values()):
        return client.post(url, body, content_type="application/json")
    return client.post(url, body)


def text_of(response: Any) -> str:
    if getattr(response, "streaming", False):
        return ""
    text = response.content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # "\\u7532…" escapes would hide a leaked name from a plain substring test.
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def assert_no_markers(response: Any, where: str) -> None:
    body = text_of(response)
    for marker in MARKERS:
        assert marker not in body, f"{where}: agency A's data “{marker}” leaked"


def check_staff(world: World, route: Route, check: Check) -> None:
    kwargs = check.params(world)
    url = url_of(route, kwargs) + check.query.format(a=world.a.agency.pk)
    label = f"{check.method} {url} ({route.route})"

    # Anonymous: the login page (web) or 401 (API), never the data.
    anonymous = request(world, "anonymous", route, check, url)
    if route.api:
        assert anonymous.status_code == 401, f"{label}: anonymous got {anonymous.status_code}"
    else:
        assert anonymous.status_code in (302, 401, 403, 404, 405), (
            f"{label}: anonymous got {anonymous.status_code}"
        )
        if anonymous.status_code == 302:
            assert "login" in anonymous["Location"], (
                f"{label}: anonymous sent to {anonymous['Location']}"
            )
    assert_no_markers(anonymous, f"{label} anonymous")

    # B's insider and B's supervisor: denied (objects) or no markers (lists); nothing changes.
    for who in ("b", "b_supervisor"):
        before = world.snapshot()
        response = request(world, who, route, check, url)
        assert response.status_code < 500, f"{label}: {who} got {response.status_code}"
        if not check.listing:
            assert response.status_code in DENIED, (
                f"{label}: {who} of another agency got {response.status_code}, expected 403 or 404"
            )
        assert_no_markers(response, f"{label} as {who}")
        assert world.snapshot() == before, f"{label}: {who} changed agency data"

    # A's supervisor reads at most; never changes anything.
    before = world.snapshot()
    response = request(world, "a_supervisor", route, check, url)
    assert response.status_code < 500, f"{label}: A's supervisor got {response.status_code}"
    if check.method != "GET":
        assert world.snapshot() == before, f"{label}: a supervisor changed data"
    if check.supervisor == "read":
        assert response.status_code in check.owner, (
            f"{label}: A's supervisor should read it, got {response.status_code}"
        )

    # A's insider: the positive control.
    response = request(world, check.owner_is, route, check, url)
    status = response.status_code
    if check.owner:
        assert status in check.owner, (
            f"{label}: A's own staff got {status}: {text_of(response)[:300]}"
        )
    else:
        assert status not in DENIED and status < 500, f"{label}: A's own staff got {status}"
    if check.shows_markers:
        assert any(m in text_of(response) for m in MARKERS), (
            f"{label}: A's own list does not show A's data, so the check proves nothing"
        )


def check_public(world: World, route: Route, rule: Public) -> None:
    url = url_of(route, rule.params(world))
    response = world.client("anonymous", route.api).get(url)
    assert response.status_code < 500, f"GET {url}: anonymous got {response.status_code}"


def check_admin(world: World, route: Route) -> None:
    kwargs = {
        name: {"object_id": "1", "app_label": "auth", "content_type_id": 1}.get(name, "x")
        for name in route.converters
    }
    if route.name is None:
        url = "/" + route.route.split("(", 1)[0].replace("^", "") + "nothing-here/"
    else:
        url = reverse(route.name, kwargs=kwargs or None)
    for who in ("a", "b"):
        response = world.client(who, False).get(url)
        denied = response.status_code in DENIED or (
            response.status_code == 302 and "login" in response["Location"]
        )
        assert denied, f"GET {url}: non-staff {who} got {response.status_code}"
    if not route.converters and route.name is not None:
        assert world.client("root", False).get(url).status_code < 500, url


@pytest.mark.parametrize("route", [r for r in ROUTES if rule_for(r.route)], ids=lambda r: r.route)
def test_isolation(route: Route) -> None:
    world = make_world()
    rule = rule_for(route.route)
    if isinstance(rule, Public):
        check_public(world, route, rule)
    elif isinstance(rule, AdminOnly):
        check_admin(world, route)
    else:
        assert isinstance(rule, Staff)
        for check in rule.checks:
            check_staff(world, route, check)


def test_the_api_list_never_includes_other_agencies(db: None) -> None:
    world = make_world()
    world.application  # noqa: B018
    for who in ("b", "b_supervisor"):
        client = world.client(who, True)
        body = client.get(f"/api/v1/applications?agency={world.a.agency.pk}&limit=200").json()
        assert body["count"] == 0 and body["items"] == []
