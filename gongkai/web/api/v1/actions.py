"""The steps of a case: which ones the caller may take now, and one endpoint per step.

"Available" is the core's :func:`~gongkai.core.applications.actions.allowed_actions` (status
table, roles, once-only steps) — the same list the case page offers. A service may still
refuse a step for a rule of the procedure (e.g. a date), answering 409 ``rule_violated``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Router

from gongkai.core.applications.actions import allowed_actions
from gongkai.core.applications.roles import ACTION_LABELS, Action
from gongkai.web.agencies.access import roles_of
from gongkai.web.api import present
from gongkai.web.api.auth import caller
from gongkai.web.api.errors import ErrorOut
from gongkai.web.api.schemas import ApplicationDetail, AvailableAction, Id
from gongkai.web.api.scoping import readable_application
from gongkai.web.api.v1.steps import STEPS, Step
from gongkai.web.applications.casepage import case_facts
from gongkai.web.applications.models import Application

router = Router(tags=["办理环节"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def step_url_name(action: Action) -> str:
    return f"application_action_{action.value}"


def available_actions(app: Application, user: AbstractBaseUser) -> list[Action]:
    # The case page's own facts (once-only steps, §35, an overdue answer): the API offers
    # exactly what the page offers.
    allowed = allowed_actions(app.status_enum, roles_of(user, app.agency_id), case_facts(app))
    return [action for action in allowed if action in STEPS]


@router.get(
    "/applications/{application_id}/actions",
    response={200: list[AvailableAction], **ERRORS},
    url_name="application_actions",
    operation_id="application_actions",
    summary="当前可办理的环节",
)
def application_actions(request: HttpRequest, application_id: Path[Id]) -> list[dict[str, str]]:
    """按申请的当前状态和调用者在受理机关的岗位，列出现在可以办理的环节及其接口
    （与工作台案件页提供的环节相同）。"""
    user = caller(request)
    app = readable_application(user, application_id)
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return [
        {
            "action": action.value,
            "label": ACTION_LABELS[action],
            "method": "POST",
            "path": reverse(f"{namespace}:{step_url_name(action)}", args=[app.pk]),
        }
        for action in available_actions(app, user)
    ]


def _endpoint(step: Step) -> Callable[..., Any]:
    def perform(request: HttpRequest, application_id: Path[Id], payload: Any) -> dict[str, Any]:
        user = caller(request)
        app = readable_application(user, application_id)
        step.perform(user, app.pk, payload, payload.on or timezone.localdate())
        return present.detail(readable_application(user, app.pk), user)

    # Ninja reads the body's schema from the annotations: give it this step's schema.
    perform.__annotations__ = {
        "request": HttpRequest,
        "application_id": Path[Id],
        "payload": step.body,
        "return": dict[str, Any],
    }
    perform.__name__ = perform.__qualname__ = step_url_name(step.action)
    perform.__doc__ = step.description
    return perform


for _step in STEPS.values():
    router.post(
        f"/applications/{{application_id}}/actions/{_step.action.value}",
        response={200: ApplicationDetail, **ERRORS},
        url_name=step_url_name(_step.action),
        operation_id=step_url_name(_step.action),
        summary=ACTION_LABELS[_step.action],
    )(_endpoint(_step))
