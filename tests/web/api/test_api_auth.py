"""Token authentication: who gets in, how tokens are made, the rate limit, and axes."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from builders_api import API, api_client, json_of
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from web_builders import PASSWORD, Staff

from gongkai.core.applications.roles import Role
from gongkai.web.api.models import ApiToken
from gongkai.web.api.tokens import digest, issue_token, revoke, token_for

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> Client:
    return Client(headers={"authorization": f"Bearer {secret}"})


def test_no_token_is_401_in_the_error_shape(staff: Staff) -> None:
    response = Client().get(f"{API}/applications")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = json_of(response)
    assert body["code"] == "unauthenticated" and "令牌" in body["message"]
    assert set(body) == {"code", "message", "details"}


def test_a_web_session_is_not_an_api_credential(staff: Staff) -> None:
    client = Client()
    client.force_login(staff[Role.HANDLER])
    assert client.get(f"{API}/applications").status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer gk_nothing_here", "Bearer not-a-token", "Token abc", "Bearer ", "Basic eDp5"],
)
def test_malformed_or_unknown_tokens_are_refused(staff: Staff, header: str) -> None:
    issue_token(staff[Role.HANDLER], "real one")
    response = Client(headers={"authorization": header}).get(f"{API}/applications")
    assert response.status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_refused(staff: Staff) -> None:
    secret = issue_token(staff[Role.HANDLER], "x")
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert bearer(forged).get(f"{API}/applications").status_code == 401
    assert bearer(secret).get(f"{API}/applications").status_code == 200


def test_only_the_hash_is_stored_and_last_use_is_recorded(staff: Staff) -> None:
    secret = issue_token(staff[Role.HANDLER], "省平台")
    token = ApiToken.objects.get()
    assert secret not in (token.secret_hash, token.prefix)
    assert token.secret_hash == digest(secret) and secret.startswith(f"gk_{token.prefix}_")
    assert token.last_used_at is None
    assert bearer(secret).get(f"{API}/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_expired_and_inactive_tokens_are_refused(staff: Staff) -> None:
    user = staff[Role.HANDLER]
    revoked = issue_token(user, "revoked")
    revoke(ApiToken.objects.get(name="revoked"))
    expired = issue_token(user, "expired", expires_at=timezone.now() - timedelta(seconds=1))
    future = issue_token(user, "future", expires_at=timezone.now() + timedelta(days=1))
    for secret in (revoked, expired):
        assert token_for(secret) is None
        assert bearer(secret).get(f"{API}/applications").status_code == 401
    assert bearer(future).get(f"{API}/applications").status_code == 200
    user.is_active = False
    user.save()
    assert bearer(future).get(f"{API}/applications").status_code == 401


def test_the_token_acts_as_its_user_not_as_the_session_user(staff: Staff) -> None:
    client = api_client(staff[Role.SUPERVISOR])
    client.force_login(staff[Role.HANDLER])  # a session of someone else rides along
    body = json_of(client.get(f"{API}/me"))
    assert body["username"] == "supervisor"


def test_create_api_token_command_prints_the_secret_once(staff: Staff) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "handler", "--name", "12345热线", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.name == "12345热线" and token.user.get_username() == "handler"
    assert token.secret_hash == digest(secret)
    assert token.expires_at is not None  # GONGKAI_API_TOKEN_DAYS = 365 by default
    assert "不会再次显示" in err.getvalue()
    assert bearer(secret).get(f"{API}/me").status_code == 200


def test_create_api_token_command_refuses_unknown_users_and_can_skip_expiry(staff: Staff) -> None:
    with pytest.raises(CommandError, match="不存在"):
        call_command("create_api_token", "nobody", "--name", "x", stdout=StringIO())
    call_command(
        "create_api_token",
        "handler",
        "--name",
        "x",
        "--days",
        "0",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert ApiToken.objects.get().expires_at is None


def test_admin_adds_a_token_and_shows_the_secret_once(staff: Staff) -> None:
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"user": staff[Role.HANDLER].pk, "name": "省平台", "expires_at_0": "", "expires_at_1": ""},
        follow=True,
    )
    page = response.content.decode()
    token = ApiToken.objects.get()
    start = page.index("gk_")
    secret = page[start : start + len(f"gk_{token.prefix}_") + 43]
    assert token.secret_hash == digest(secret)
    # The change page never shows it again.
    change = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in change and token.prefix in change


@override_settings(GONGKAI_API_RATE_LIMIT="3/min")
def test_rate_limit_is_per_token_with_retry_after(staff: Staff) -> None:
    cache.clear()
    first, second = api_client(staff[Role.HANDLER]), api_client(staff[Role.HANDLER])
    codes = [first.get(f"{API}/me").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = first.get(f"{API}/me")
    body = json_of(limited)
    assert body["code"] == "rate_limited" and "请求过于频繁" in body["message"]
    assert int(limited["Retry-After"]) >= 1
    assert second.get(f"{API}/me").status_code == 200  # another token has its own budget


def test_axes_lockout_does_not_touch_api_tokens(staff: Staff) -> None:
    client = api_client(staff[Role.HANDLER])
    browser = Client()
    for _ in range(6):
        browser.post("/login/", {"username": "handler", "password": "wrong-password-1"})
    locked = browser.post("/login/", {"username": "handler", "password": PASSWORD})
    assert locked.status_code == 429  # the password login is locked …
    assert client.get(f"{API}/applications").status_code == 200  # … the token still works
