"""``{% released_panel app %}``: the 答复附件 panel of the staff case page, and
``{% released_downloads app token %}``: the applicant's downloads on the portal's track page
(both issue 14; the views are in :mod:`gongkai.web.applications.views_released`)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.core.applications.actions import allowed_actions
from gongkai.core.applications.roles import Action
from gongkai.core.portal.attachments import size_label
from gongkai.web.agencies.access import roles_of
from gongkai.web.applications.models import Application
from gongkai.web.applications.releasing import ALLOWED_EXTENSIONS, max_bytes
from gongkai.web.applications.views_released import AttachForm, CatalogueForm, applicant_may_see

register = template.Library()


@register.inclusion_tag("applications/released_panel.html", takes_context=True)
def released_panel(context: template.Context, app: Application) -> dict[str, Any]:
    roles = context.get("viewer_roles")  # the case page's own, when it passes them
    if roles is None:
        roles = roles_of(context.get("user"), app.agency_id)
    offered = set(allowed_actions(app.status_enum, roles))
    editable = app.issued_on is None
    attach = editable and Action.ATTACH_RELEASED in offered
    catalogue = CatalogueForm(app) if attach else None
    return {
        "app": app,
        "rows": list(app.released_files.order_by("pk")),
        "attach_form": AttachForm() if attach else None,
        "catalogue_form": catalogue if catalogue and catalogue.has_choices else None,
        "may_detach": editable and Action.DETACH_RELEASED in offered,
        "accepted": "、".join(ALLOWED_EXTENSIONS).upper(),
        "limit": size_label(max_bytes()),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("portal/_released.html")
def released_downloads(app: Application, token: str) -> dict[str, Any]:
    shown = applicant_may_see(app)
    return {"rows": list(app.released_files.order_by("pk")) if shown else [], "token": token}
