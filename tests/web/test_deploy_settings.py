"""Deployment (issue 12 item 8): the documented production environment passes
``check --deploy``, settings come from the environment, and the security headers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from builders_api import api_client
from builders_portal import open_agency, person_post, submit, token_of
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.web.security_headers import DEFAULT_CSP

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "docs" / "deploy.env.example"


def production_env(tmp_path: Path) -> dict[str, str]:
    """The documented env file, with its paths moved under ``tmp_path``."""
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    values["GONGKAI_VAR_DIR"] = str(tmp_path / "var")
    values["GONGKAI_MEDIA_DIR"] = str(tmp_path / "media")
    values["GONGKAI_LOG_FILE"] = str(tmp_path / "log" / "gongkai.log")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return {**env, **values, "PYTHONPATH": str(ROOT)}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gongkai.web.manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=production_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output


def test_check_deploy_warns_without_them(tmp_path: Path) -> None:
    """The test above means something: the laptop defaults do warn."""
    env = {k: v for k, v in production_env(tmp_path).items() if not k.startswith(("GONGKAI_HSTS",))}
    env.pop("GONGKAI_SECURE_COOKIES")
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.web.manage", "check", "--deploy"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "security.W004" in output and "security.W012" in output and "security.W016" in output


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    code = (
        "import json, django, os; os.environ['DJANGO_SETTINGS_MODULE']='gongkai.web.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, list(s.SECURE_PROXY_SSL_HEADER), s.USE_X_FORWARDED_HOST,"
        " s.CSRF_TRUSTED_ORIGINS, s.DEBUG, s.MIDDLEWARE]))"
    )
    env = {**production_env(tmp_path), "GONGKAI_USE_X_FORWARDED_HOST": "1"}
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values[:10] == [
        True,
        31536000,
        True,
        True,
        True,
        True,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        True,
        ["https://gk.example.gov.cn"],
        False,
    ]
    middleware = values[10]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "gongkai.web.security_headers.SecurityHeadersMiddleware"


def test_laptop_defaults_stay_plain_http(settings: Any) -> None:
    # The test settings are the defaults: nothing forces HTTPS on `gongkai serve` at home.
    assert not settings.SECURE_SSL_REDIRECT and settings.SECURE_HSTS_SECONDS == 0
    assert not settings.SESSION_COOKIE_SECURE and not settings.USE_X_FORWARDED_HOST
    assert not hasattr(settings, "SECURE_PROXY_SSL_HEADER") or (
        settings.SECURE_PROXY_SSL_HEADER is None
    )


# -- headers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_has_the_csp_without_inline_script(client: Client) -> None:
    for path in ("/", "/login/", "/public/", "/no-such-page/"):
        response = client.get(path)
        csp = response["Content-Security-Policy"]
        assert csp == DEFAULT_CSP
        script = next(d for d in csp.split("; ") if d.startswith("script-src"))
        assert script == "script-src 'self'"  # no 'unsafe-inline', no 'unsafe-eval'
        style = next(d for d in csp.split("; ") if d.startswith("style-src"))
        assert style == "style-src 'self'"  # the site's stylesheet only, no inline style
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp


@pytest.mark.django_db
def test_the_policy_is_a_setting(client: Client, settings: Any) -> None:
    settings.GONGKAI_CSP = "default-src 'self'"
    assert Client().get("/")["Content-Security-Policy"] == "default-src 'self'"


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client: Client) -> None:
    for path in ("/", "/public/"):
        assert "no-store" not in client.get(path).get("Cache-Control", "")
    static = client.get("/static/admin/css/base.css")
    assert "no-store" not in static.get("Cache-Control", "")
    static.close()


def test_staff_pages_are_not_stored(staff: Staff) -> None:
    client = Client()
    client.force_login(staff[Role.HANDLER])
    for path in ("/my/", "/applications/", "/", "/public/"):
        response = client.get(path, follow=True)
        assert response["Cache-Control"] == "no-store, private, max-age=0", path
    root = Client()
    from django.contrib.auth import get_user_model

    root.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    assert root.get("/admin/")["Cache-Control"] == "no-store, private, max-age=0"
    assert Client().get("/login/")["Cache-Control"] == "no-store, private, max-age=0"


def test_the_api_is_not_stored(staff: Staff) -> None:
    response = api_client(staff[Role.HANDLER]).get("/api/v1/applications")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private, max-age=0"
    anonymous = Client().get("/api/v1/applications")
    assert anonymous["Cache-Control"] == "no-store, private, max-age=0"


@pytest.mark.django_db
def test_the_applicants_private_pages_are_not_stored(client: Client, tmp_path: Path) -> None:
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        response = submit(client, open_agency(), person_post())
    token = token_of(response)
    for path in (f"/public/track/{token}/", f"/public/track/{token}/receipt/", "/public/track/"):
        page = client.get(path)
        assert page.status_code == 200
        assert page["Cache-Control"] == "no-store, private, max-age=0", path
        assert page["Content-Security-Policy"] == DEFAULT_CSP


@pytest.mark.django_db
def test_https_redirect_hsts_and_the_proxy_header(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/public/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = Client().get("/public/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["X-Content-Type-Options"] == "nosniff"
    assert secure["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_forwarded_host_is_trusted_only_when_opted_in(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["gk.example.gov.cn", "testserver"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ignored = Client().get("/public/", HTTP_X_FORWARDED_HOST="gk.example.gov.cn")
    assert ignored["Location"].startswith("https://testserver/")
    settings.USE_X_FORWARDED_HOST = True
    used = Client().get("/public/", HTTP_X_FORWARDED_HOST="gk.example.gov.cn")
    assert used["Location"].startswith("https://gk.example.gov.cn/")


def test_waitress_passes_the_proxy_headers_to_django(monkeypatch: pytest.MonkeyPatch) -> None:
    """waitress drops X-Forwarded-* unless told not to; Django decides what to trust."""
    import waitress

    from gongkai.cli import serve_cmd
    from gongkai.cli.main import build_parser

    monkeypatch.setattr(serve_cmd, "prepare", lambda **kw: [])
    served: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.update(kw))
    args = build_parser().parse_args(["serve", "--no-demo", "--workers", "1"])
    assert args.func(args) == 0
    assert served["clear_untrusted_proxy_headers"] is False
    assert "trusted_proxy" not in served


def test_gunicorn_leaves_the_proxy_headers_to_django() -> None:
    """gunicorn would take X-Forwarded-Proto from 127.0.0.1 for HTTPS itself; here it trusts no
    address and reads no scheme header, so the request reaches Django as sent."""
    from gongkai.cli import serve_cmd

    options = serve_cmd.gunicorn_options("127.0.0.1", 8000, workers=2, threads=2)
    config = serve_cmd.gunicorn_server(lambda environ, start: [], options).cfg
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}


# -- templates ----------------------------------------------------------------------------

INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_attributes() -> None:
    """What the CSP would block: an inline <script> or <style>, style=, onclick= and friends,
    javascript: links.
    (Mail templates are not web pages; they may style inline.)"""
    problems = []
    pages = sorted(ROOT.joinpath("gongkai", "web").rglob("templates/**/*.html"))
    assert len(pages) > 50
    for path in pages:
        if "/email/" in path.as_posix():
            continue
        text = path.read_text(encoding="utf-8")
        patterns = (INLINE_SCRIPT, INLINE_STYLE, EVENT_ATTRIBUTE, re.compile("javascript:", re.I))
        for pattern in patterns:
            problems += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert problems == []


def test_generated_html_files_get_the_document_policy() -> None:
    """A report's HTML version carries its own <style>: it gets a policy of its own that
    allows inline style but no script and nothing from anywhere, sandboxed; other files
    (PDF: a sandbox would stop the browser's viewer) and pages keep the page policy."""
    from django.http import HttpResponse

    from gongkai.web.security_headers import DOCUMENT_CSP, SecurityHeadersMiddleware

    def answer(content_type: str, disposition: bool) -> str:
        response = HttpResponse(b"x", content_type=content_type)
        if disposition:
            response["Content-Disposition"] = 'inline; filename="r.html"'
        middleware = SecurityHeadersMiddleware(lambda request: response)
        request = RequestFactory().get("/reports/1/2025/v1/html/")
        request.user = AnonymousUser()
        return middleware(request)["Content-Security-Policy"]

    assert answer("text/html; charset=utf-8", True) == DOCUMENT_CSP
    assert "script-src" not in DOCUMENT_CSP and "default-src 'none'" in DOCUMENT_CSP
    assert "sandbox" in DOCUMENT_CSP
    assert answer("application/pdf", True) == DEFAULT_CSP
    assert answer("text/html; charset=utf-8", False) == DEFAULT_CSP
