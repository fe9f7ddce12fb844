"""Bearer-token authentication and the per-token rate limit.

A token acts as its user: the permissions are those of the web UI (memberships, read through
:mod:`gongkai.web.agencies.access`, and the core's role table), never a separate model.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from gongkai.web.api.models import ApiToken
from gongkai.web.api.tokens import token_for


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for(token)
        if found is not None:
            # The caller is the token's user, whatever session cookie came along.
            request.user = found.user
        return found


def caller(request: HttpRequest) -> AbstractBaseUser:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.user


class TokenRateThrottle(SimpleRateThrottle):
    """``settings.GONGKAI_API_RATE_LIMIT`` requests per token, read on every request so
    that a changed setting applies at once."""

    scope = "api_token"

    def __init__(self) -> None:
        self.rate = None
        self.num_requests = self.duration = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.GONGKAI_API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None
        # The prefix, not the row id: ids can be reused (SQLite after a rollback), prefixes
        # are random.
        return self.cache_format % {"scope": self.scope, "ident": token.prefix}
