"""Response headers for deployment (issue 12 item 8; docs/deploy.md).

* ``Content-Security-Policy`` on every response (``GONGKAI_CSP``, default
  :data:`DEFAULT_CSP`): scripts only from this site's own files, never inline, no plug-ins,
  no framing, forms post only here. No page of the platform has an inline script or an
  event attribute (``onclick``...; tests/web/test_deploy_settings.py checks the templates);
  the admin's and the API docs' scripts are files too. Styles come from the site's own
  stylesheets only (``gongkai/web/static/gongkai/site.css``): no page has a ``<style>``
  block or a ``style=`` attribute (the same test checks), so injected markup cannot restyle
  a page either (e.g. hide a warning or overlay a fake form).
* HTML files the platform generates and hands out (a published report's HTML version, a
  draft export: HTML responses with ``Content-Disposition``) are self-contained documents
  that carry their own ``<style>``; they get :data:`DOCUMENT_CSP` instead: no script at
  all, nothing loaded from anywhere, inline style allowed, sandboxed. (Other files keep the
  page policy; a sandbox would stop the browser's PDF viewer.)
* ``Cache-Control: no-store`` on every response that may carry personal data: anything a
  logged-in user sees, the admin, the login page, the HTTP API, the applicant's private
  pages (``/public/track/``), so that no shared cache or browser history keeps a copy.
  Static files are left cacheable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
DOCUMENT_CSP = "; ".join(
    (
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "sandbox",
    )
)
NO_STORE = "no-store, private, max-age=0"
# Paths whose every response is personal or per-session, logged in or not.
PRIVATE_PREFIXES = ("/api/", "/admin/", "/login/", "/logout/", "/my/", "/public/track/")


def content_security_policy() -> str:
    return str(getattr(settings, "GONGKAI_CSP", "") or DEFAULT_CSP)


def is_html_file(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "")
    return "Content-Disposition" in response and content_type.startswith("text/html")


def is_personal(request: HttpRequest) -> bool:
    static = "/" + str(settings.STATIC_URL).lstrip("/")
    if request.path.startswith(static):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return request.path.startswith(PRIVATE_PREFIXES)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = (
                DOCUMENT_CSP if is_html_file(response) else content_security_policy()
            )
        if is_personal(request):
            response["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
        return response
