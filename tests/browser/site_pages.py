"""Every page of the site, as concrete URLs over the demo's data, for the browser sweep.

``page_urls`` maps each named URL pattern that answers a GET with a page to the URLs that
show it; ``NOT_PAGES`` names every other pattern with the reason it is not swept. The sweep
fails when the site has a pattern in neither, so a new page cannot escape it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.core.applications.channels import IntakeForm
from gongkai.web import demo
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, CorrectionRequest, Letter
from gongkai.web.catalogue.models import (
    BusinessImport,
    CatalogueItem,
    ItemAttachment,
)
from gongkai.web.portal.demo import DEMO_CORRECTION_TOKEN
from gongkai.web.remedies.models import RemedyCase
from gongkai.web.reports.models import ReportVersion

# Patterns that answer a GET with something other than a page of the site's design.
NOT_PAGES = {
    # Steps and actions: POST only (a GET is refused or sent back to the page they act on).
    "logout": "POST only",
    "applications:step": "POST only",
    "applications:correction_decide": "POST only",
    "catalogue:item_action": "POST only",
    "catalogue:document_action": "POST only",
    "catalogue:new_media_posts": "POST only",
    "fees:assess": "POST only",
    "fees:issue": "POST only",
    "fees:receipt": "POST only",
    "fees:payment": "POST only",
    "fees:lapse": "POST only",
    "remedies:result": "POST only",
    "remedies:reanswer": "POST only",
    "applications:released_attach": "POST only",
    "applications:released_detach": "POST only",
    "reports:edit": "POST only",
    "reports:import": "POST only",
    "reports:acknowledge": "POST only",
    "reports:sign_off": "POST only",
    "reports:publish": "POST only",
    # Files handed out (DOCX, PDF, XLSX, JSON, uploads): not pages.
    "applications:attachment": "file",
    "applications:letter_file": "file",
    "catalogue:item_file": "file",
    "catalogue:public_attachment": "file",
    "fees:notice_file": "file",
    "reports:export": "file",
    "reports:explore_export": "file",
    "reports:public_download": "file",
    "portal:letter": "file",
    "portal:correction_letter": "file",
    "applications:released": "file",
    "portal:released": "file",
}
# URL prefixes left to their own tools: the HTTP API and its documentation (Swagger UI,
# a developer tool in English by nature). The admin is swept through its index and the
# change lists of every model (admin_urls).
OWN_TOOL_PREFIXES = ("api/",)


@dataclass(frozen=True)
class DemoData:
    bureau: Agency
    office: Agency
    year: int
    token: str


def pattern_names() -> set[str]:
    """Every named pattern of the site outside the admin and the API."""
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(("admin/", *OWN_TOOL_PREFIXES)):
                continue
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, route, inner)
            elif entry.name:
                names.add(namespace + entry.name)

    walk(get_resolver().url_patterns, "", "")
    return names


def _cases() -> Iterator[Application]:
    """One case per status of the demo bureau: each status shows other steps and forms."""
    seen: set[str] = set()
    for app in Application.objects.order_by("-pk"):
        if app.status not in seen:
            seen.add(app.status)
            yield app


def page_urls(data: DemoData) -> dict[str, list[str]]:
    bureau, office, year = data.bureau, data.office, data.year
    items = CatalogueItem.objects.filter(agency=bureau)
    published = items.filter(status="published").order_by("pk").first()
    draft = items.filter(status="draft").order_by("pk").first() or items.order_by("pk").first()
    attachment = ItemAttachment.objects.filter(item__agency=bureau).order_by("pk").first()
    batch = BusinessImport.objects.filter(agency=bureau).order_by("pk").first()
    remedy = RemedyCase.objects.order_by("pk").first()
    version = ReportVersion.objects.filter(agency=bureau).order_by("-year", "-number").first()
    letter = Letter.objects.order_by("-pk").first()
    correction = CorrectionRequest.objects.first()
    found = {
        "correction request": correction,
        "published item": published,
        "draft item": draft,
        "attachment": attachment,
        "import": batch,
        "remedy case": remedy,
        "report version": version,
        "letter": letter,
    }
    assert all(found.values()), f"the demo lacks: {[k for k, v in found.items() if not v]}"
    staff_forms = [i for i in IntakeForm if i is not IntakeForm.ONLINE]

    def url(name: str, *args: object) -> str:
        return reverse(name, args=args)

    return {
        "home": ["/"],
        "staff_home": [url("staff_home")],
        "login": [url("login")],
        "applications:queue": [url("applications:queue"), url("applications:queue") + "?due=soon"],
        "applications:register_choose": [url("applications:register_choose")],
        "applications:register": [url("applications:register", f.value) for f in staff_forms],
        "applications:detail": [url("applications:detail", a.pk) for a in _cases()],
        "applications:letter": [
            url("applications:letter", each.pk)
            for each in (letter, Letter.objects.filter(correction_request=correction).first())
            if each is not None
        ],
        "applications:monthly": [url("applications:monthly")],
        "applications:corrections": [url("applications:corrections")],
        "applications:correction_new": [url("applications:correction_new")],
        "applications:correction": [
            url("applications:correction", c.pk) for c in CorrectionRequest.objects.all()
        ],
        "catalogue:portal_home": [url("catalogue:portal_home", a.pk) for a in (bureau, office)],
        "catalogue:guide": [url("catalogue:guide", bureau.pk)],
        "catalogue:public_index": [url("catalogue:public_index", bureau.pk)],
        "catalogue:public_item": [url("catalogue:public_item", bureau.pk, published.pk)],
        "catalogue:search": [url("catalogue:search", bureau.pk) + "?q=公开"],
        "catalogue:manage": [url("catalogue:manage")],
        "catalogue:dashboard": [url("catalogue:dashboard", bureau.pk)],
        "catalogue:items": [url("catalogue:items", bureau.pk)],
        "catalogue:item_new": [url("catalogue:item_new", bureau.pk)],
        "catalogue:item": [url("catalogue:item", i.pk) for i in {published, draft}],
        "catalogue:item_edit": [url("catalogue:item_edit", draft.pk)],
        "catalogue:attachment_replace": [
            url("catalogue:attachment_replace", attachment.item_id, attachment.pk)
        ],
        "catalogue:documents": [url("catalogue:documents", bureau.pk)],
        "catalogue:import": [url("catalogue:import", bureau.pk)],
        "catalogue:import_preview": [url("catalogue:import_preview", batch.pk)],
        "catalogue:new_media": [url("catalogue:new_media", bureau.pk)],
        "catalogue:guide_edit": [url("catalogue:guide_edit", bureau.pk)],
        "fees:index": [url("fees:index")],
        "portal:agencies": [url("portal:agencies")],
        "portal:apply": [url("portal:apply", bureau.pk)],
        "portal:lookup": [url("portal:lookup")],
        "portal:track": [url("portal:track", data.token)],
        "portal:receipt": [url("portal:receipt", data.token)],
        "portal:correct": [url("portal:correct", bureau.pk)],
        "portal:correction": [url("portal:correction", DEMO_CORRECTION_TOKEN)],
        "remedies:index": [url("remedies:index")],
        "remedies:create": [url("remedies:create")],
        "remedies:detail": [url("remedies:detail", remedy.pk)],
        "remedies:edit": [url("remedies:edit", remedy.pk)],
        "reports:manage": [url("reports:manage")],
        "reports:supervision": [url("reports:supervision")],
        "reports:explore": [url("reports:explore")],
        "reports:builder": [url("reports:builder", bureau.pk, y) for y in (year, year - 1)],
        "reports:public_list": [url("reports:public_list", a.pk) for a in (bureau, office)],
        "reports:public_version": [
            url("reports:public_version", bureau.pk, version.year, version.number)
        ],
    }


def admin_urls() -> list[str]:
    """The admin's index, every model's change list and the calendar's entry form."""
    urls = [reverse("admin:index"), reverse("admin:workcalendar_calendaryear_enter")]
    for model in admin.site._registry:
        if model._meta.app_label == "procrastinate":
            continue  # the job queue's own read-only admin (PostgreSQL only), in its language
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    return urls


def demo_year() -> int:
    return demo.demo_day(date.today()).year
