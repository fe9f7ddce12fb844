"""Error pages in Chinese, in the site's own layout, with the request id.

``handler400/403/404/500`` (``gongkai.web.urls``) and ``CSRF_FAILURE_VIEW`` render
``errors/error.html`` in the staff layout (``base.html``) for a signed-in user and in the
public layout (``public_base.html``) otherwise. The page shows the request id (also in the
``X-Request-ID`` header and in the log line of a 500), so a user can quote it. Should even
that page fail (e.g. the database is down), a plain page with the same text answers.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from gongkai.web.request_id import request_id_of

log = logging.getLogger("gongkai.errors")

PAGES: dict[int, tuple[str, str]] = {
    400: ("请求有误", "服务器无法处理这次请求的内容。请返回上一页，检查填写的内容后重试。"),
    403: (
        "无权访问",
        "您没有查看此页面或办理此事项的权限。如需办理，请联系本机关的系统管理员分配岗位。",
    ),
    404: ("页面不存在", "您要访问的页面不存在、已被删除，或您无权查看。请检查网址，或从首页进入。"),
    500: (
        "服务器出错",
        "服务器处理请求时出错，错误已记录。请稍后重试；如问题仍然存在，请把下面的错误编号告知系统管理员。",
    ),
}
CSRF_TEXT = (
    "页面已过期或表单验证失败（CSRF），为保护您的信息，本次提交未被处理。"
    "请刷新页面后重新填写提交；如浏览器禁用了 Cookie，请先启用。"
)


def _signed_in(request: HttpRequest) -> bool:
    try:
        return bool(request.user.is_authenticated)
    except Exception:
        return False


def error_page(request: HttpRequest, status: int, text: str | None = None) -> HttpResponse:
    title, default = PAGES[status]
    context: dict[str, Any] = {
        "status": status,
        "title": title,
        "text": text or default,
        "request_id": request_id_of(request),
        "layout": "base.html" if _signed_in(request) else "public_base.html",
    }
    try:
        body = render_to_string("errors/error.html", context, request=request)
    except Exception:
        log.exception("错误页面无法生成（%s）", status)
        body = (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{status} {escape(title)}</title></head><body><h1>{escape(title)}</h1>"
            f"<p>{escape(context['text'])}</p><p>错误编号：{escape(context['request_id'])}</p>"
            "</body></html>"
        )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(request, 403, CSRF_TEXT)
