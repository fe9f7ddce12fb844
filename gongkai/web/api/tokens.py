"""Issuing and checking API tokens.

A token reads ``gk_<prefix>_<secret>``. Only the prefix and the SHA-256 of the whole token
are stored: the secret is shown once, when the token is made. A plain hash is enough here
(unlike passwords) because the secret is 256 random bits, not something a person chose.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.web.api.models import ApiToken

TOKEN_START = "gk_"
# Writing last_used_at on every request would turn each read into a write; a minute is
# precise enough to see which tokens are still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(user: AbstractBaseUser, name: str, *, expires_at: datetime | None = None) -> str:
    """Create a token for ``user`` and return its secret (the only time it is available)."""
    for _ in range(5):
        prefix = secrets.token_hex(4)
        token = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                ApiToken.objects.create(
                    user=user,
                    name=name.strip() or "未命名",
                    prefix=prefix,
                    secret_hash=digest(token),
                    expires_at=expires_at,
                )
        except IntegrityError:  # the same random prefix twice: draw again
            continue
        return token
    raise RuntimeError("无法生成不重复的令牌前缀")


def split_token(token: str) -> str | None:
    """The prefix of a well-formed token, else None."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, sep, secret = token[len(TOKEN_START) :].partition("_")
    return prefix if sep and prefix and secret else None


def token_for(raw: str) -> ApiToken | None:
    """The usable token whose secret this is, for an active user; None otherwise."""
    prefix = split_token(raw.strip())
    if prefix is None:
        return None
    found = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if found is None or not hmac.compare_digest(found.secret_hash, digest(raw.strip())):
        return None
    if not found.usable() or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
