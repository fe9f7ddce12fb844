"""Login protection: lockout after repeated failures (django-axes), strong passwords."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from web_builders import PASSWORD, Staff

from gongkai.core.applications.roles import Role

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> int:
    response = client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response.status_code


def test_settings_are_the_documented_ones() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [
        ["username", "ip_address"],
        "username",
        "ip_address",
    ]
    assert settings.GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT == 20
    assert settings.GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT == 50


def test_fifth_failure_locks_the_username_from_that_address(staff: Staff) -> None:
    client = Client()
    codes = [attempt(client, "handler", f"wrong-{i}-password") for i in range(5)]
    assert codes[:4] == [200, 200, 200, 200]  # the form again, with an error
    assert codes[4] == 429
    # Now even the right password is refused, with the Chinese lockout page.
    response = client.post(
        "/login/", {"username": "handler", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page and "30分钟后重试" in page and "连续5次" in page
    assert "http://" not in page and "https://" not in page
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(staff: Staff) -> None:
    for i in range(5):
        attempt(Client(), "handler", f"wrong-{i}-password")
    # Another account from the same address, and the same account from elsewhere, still work.
    assert attempt(Client(), "reviewer", PASSWORD) == 302
    assert attempt(Client(), "handler", PASSWORD, ip="10.0.0.2") == 302
    assert attempt(Client(), "handler", PASSWORD) == 429


def test_success_resets_the_count(staff: Staff) -> None:
    for i in range(4):
        attempt(Client(), "handler", f"wrong-{i}-password")
    assert attempt(Client(), "handler", PASSWORD) == 302
    for i in range(4):
        assert attempt(Client(), "handler", f"again-{i}-password") == 200
    assert attempt(Client(), "handler", PASSWORD) == 302


def test_lock_ends_after_the_cool_off(staff: Staff) -> None:
    from axes.models import AccessAttempt

    for i in range(5):
        attempt(Client(), "handler", f"wrong-{i}-password")
    assert attempt(Client(), "handler", PASSWORD) == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert attempt(Client(), "handler", PASSWORD) == 302


def test_admin_login_is_protected_too(staff: Staff) -> None:
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    client = Client()
    for i in range(5):
        client.post("/admin/login/", {"username": "root", "password": f"bad-{i}-pass"})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429


def test_test_client_login_without_a_request_still_works(staff: Staff) -> None:
    # Calls without a request (the test client, a shell) have no address to lock.
    assert Client().login(username="handler", password=PASSWORD)
    assert not Client().login(username="handler", password="wrong-password")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Ab3$xyz", "太短"),  # under 10 characters
        ("password123", "太常见"),
        ("3141592653589", "只包含数字"),
        ("handler2025x", "太相似"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(staff: Staff, password: str, problem: str) -> None:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password, staff[Role.HANDLER])
    assert any(problem in message for message in refused.value.messages), refused.value.messages


def test_a_strong_password_passes(staff: Staff) -> None:
    validate_password("青河-公开-2026-办件", staff[Role.HANDLER])


def test_password_change_form_enforces_the_rules(staff: Staff) -> None:
    client = Client()
    client.force_login(staff[Role.HANDLER])
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.force_login(admin)
    response = client.post(
        f"/admin/auth/user/{staff[Role.HANDLER].pk}/password/",
        {"password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    assert "太短" in page
    staff[Role.HANDLER].refresh_from_db()
    assert staff[Role.HANDLER].check_password(PASSWORD)


def test_guesses_spread_over_addresses_lock_the_username(staff: Staff, settings: Any) -> None:
    settings.GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT = 8
    # Four addresses, two failures each: no pair reaches 5, the username reaches 8.
    for i in range(8):
        assert attempt(Client(), "handler", f"wrong-{i}-password", ip=f"10.1.0.{i % 4}") == (
            429 if i == 7 else 200
        )
    # Locked from everywhere, a fresh address included, and the page says why.
    response = Client().post(
        "/login/", {"username": "handler", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "近期从各处登录失败已达8次" in page and "30分钟后重试" in page
    # Other accounts are not affected.
    assert attempt(Client(), "reviewer", PASSWORD, ip="10.1.0.1") == 302


def test_one_address_trying_many_usernames_is_locked(staff: Staff, settings: Any) -> None:
    settings.GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for i in range(6):
        code = attempt(Client(), f"nobody{i}", "wrong-password-x", ip="10.2.0.1")
        assert code == (429 if i == 5 else 200)
    response = Client().post(
        "/login/", {"username": "handler", "password": PASSWORD}, REMOTE_ADDR="10.2.0.1"
    )
    assert response.status_code == 429
    assert "本网络地址近期登录失败已达6次" in response.content.decode()
    # The same account from another address logs in.
    assert attempt(Client(), "handler", PASSWORD, ip="10.2.0.2") == 302


def test_logging_in_does_not_clear_other_accounts_failures(staff: Staff, settings: Any) -> None:
    """An attacker with an account of their own cannot reset their address's count."""
    settings.GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for i in range(5):
        attempt(Client(), f"victim{i}", "wrong-password-x", ip="10.3.0.1")
    assert attempt(Client(), "reviewer", PASSWORD, ip="10.3.0.1") == 302
    assert attempt(Client(), "victim9", "wrong-password-x", ip="10.3.0.1") == 429


def test_proxy_header_gives_the_address(staff: Staff, settings: Any) -> None:
    settings.GONGKAI_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for i in range(5):
        Client().post(
            "/login/",
            {"username": "handler", "password": f"wrong-{i}-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.5",
        )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Another client behind the same proxy is not locked.
    ok = Client().post(
        "/login/",
        {"username": "handler", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="203.0.113.6",
    )
    assert ok.status_code == 302


def test_admin_unlocks_with_an_audit_entry(staff: Staff) -> None:
    from axes.models import AccessAttempt
    from django.contrib.admin.models import DELETION, LogEntry

    for i in range(5):
        attempt(Client(), "handler", f"wrong-{i}-password")
    assert attempt(Client(), "handler", PASSWORD) == 429
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    admin = Client()
    admin.force_login(root)
    changelist = "/admin/axes/accessattempt/"
    page = admin.get(changelist)
    assert page.status_code == 200
    assert "unlock_selected" in page.content.decode()
    assert "delete_selected" not in page.content.decode()  # only the audited way
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = admin.post(
        changelist, {"action": "unlock_selected", "_selected_action": ids}, follow=True
    )
    assert response.status_code == 200
    assert "已解除 1 条登录锁定记录" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.user == root
    assert "解除登录锁定" in entry.change_message and "handler" in entry.change_message
    assert "10.0.0.1" in entry.change_message
    assert attempt(Client(), "handler", PASSWORD) == 302
