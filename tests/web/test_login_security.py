"""Login protection: lockout after repeated failures (django-axes), strong passwords."""

from __future__ import annotations

from datetime import timedelta

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
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


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
