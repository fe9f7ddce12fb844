"""Login protection (issue 4 item 2, issue 12 item 7): the lockout backend, handler and
page, and a password rule.

The lockout is django-axes, for logins that come through a web request. It counts failures
three ways (``AXES_LOCKOUT_PARAMETERS``), each with its own limit (:func:`lockout_limits`):

* one username from one address: ``GONGKAI_LOGIN_FAILURE_LIMIT`` (5), the usual mistyping;
* one username from any address: ``GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT`` (20), guessing one
  account's password spread over many addresses;
* one address for any username: ``GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT`` (50), one machine
  trying many accounts; higher, because an office's staff share one address.

A successful login forgets only that username's failures from that address, so logging in
with one's own account never clears the counts of an attack from the same address.

Axes counts failures per username and IP address, so it needs the request. Every login
form (the staff login page, the admin login) passes it. A call without a request (the test
client's ``login()``, a shell) has no IP address to lock, so it is left to the next backend
instead of failing with axes's ``AxesBackendRequestParameterRequired``.
"""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginLockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None


# The scopes of AXES_LOCKOUT_PARAMETERS, as sorted tuples, and the setting of each one's limit.
PAIR = ("ip_address", "username")
USERNAME = ("username",)
ADDRESS = ("ip_address",)
LIMIT_SETTINGS = {
    PAIR: "AXES_FAILURE_LIMIT",
    USERNAME: "GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT",
    ADDRESS: "GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT",
}


def _scope(parameter: str | list[str]) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(sorted(parameter))


def lockout_limits() -> dict[tuple[str, ...], int]:
    """The failure limit of each counted scope, from the settings."""
    return {
        _scope(p): int(getattr(settings, LIMIT_SETTINGS[_scope(p)]))
        for p in settings.AXES_LOCKOUT_PARAMETERS
    }


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes's database handler with a limit per scope.

    Axes compares the largest count of any scope with one limit. Here each scope's count is
    compared with its own limit; a scope at its limit reports the pair's limit to axes (so axes
    locks), and the request remembers which scope locked for the lockout page.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        limits = lockout_limits()
        attempts = self.get_user_attempts(request, credentials)
        counts = {
            _scope(parameter): query.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for parameter, query in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts, strict=True)
        }
        pair_limit = limits.get(PAIR, int(settings.AXES_FAILURE_LIMIT))
        for scope, count in counts.items():
            if count >= limits[scope]:
                request.gongkai_lock_scope = scope  # type: ignore[attr-defined]
                return max(counts.get(PAIR, 0), pair_limit)
        return counts.get(PAIR, 0)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """On success, forget this username's failures from this address only."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=getattr(request, "axes_ip_address", None),
        ).delete()
        return int(count)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The Chinese lockout page (HTTP 429), saying how long to wait in whole minutes."""
    cool_off = get_cool_off(request)
    scope = getattr(request, "gongkai_lock_scope", PAIR)
    limits = lockout_limits()
    context = {
        "scope": {PAIR: "pair", USERNAME: "username", ADDRESS: "address"}[scope],
        "failure_limit": limits.get(scope, get_failure_limit(request, credentials)),
        "username": get_client_username(request, credentials) or "",
        "lockout_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(
        request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


class MinimumLengthChinese(MinimumLengthValidator):
    """Django's minimum length rule, with the message in Chinese (Django's own translation
    of this plural message does not load for zh-hans, so users would read English)."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self) -> str:
        return f"密码太短，至少需要{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要{self.min_length}个字符。"
