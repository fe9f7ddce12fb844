"""Every error the API returns has one shape: ``{"code", "message", "details"}``.

``code`` is stable (clients branch on it), ``message`` is Chinese and meant for a person,
``details`` is optional structured help (e.g. which field). No traceback ever leaves the
server: unexpected errors are logged and answered with ``internal_error``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as RequestInvalid

from gongkai.core.applications.outcomes import InvalidOutcome
from gongkai.core.applications.roles import PermissionDenied
from gongkai.core.applications.statuses import InvalidTransition
from gongkai.core.errors import CalendarDataMissing, GongkaiError, InputError
from gongkai.web.applications.transitions import GuardFailed
from gongkai.web.kernel.append_only import AppendOnly
from gongkai.web.request_id import request_id_of

log = logging.getLogger("gongkai.api")


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


class ApiRefusal(Exception):
    """A request the API itself refuses (not the domain): a bad cursor, an unacceptable file.
    Answered with its own status and stable ``code``; ``message`` is Chinese."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


# Most specific first: the first matching class decides status and code.
DOMAIN_ERRORS: tuple[tuple[type[GongkaiError], int, str], ...] = (
    (PermissionDenied, 403, "permission_denied"),
    (InvalidTransition, 409, "invalid_transition"),
    (GuardFailed, 409, "rule_violated"),
    (CalendarDataMissing, 409, "calendar_data_missing"),
    (AppendOnly, 409, "append_only"),
    (InvalidOutcome, 400, "invalid_outcome"),
    (InputError, 400, "invalid_input"),
    (GongkaiError, 400, "domain_error"),
)

# Chinese wording for pydantic's error types; anything else keeps pydantic's own message.
FIELD_PROBLEMS = {
    "missing": "缺少必填项",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
    "int_parsing": "应为整数",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601，如 2025-03-03T10:00:00+08:00）",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601，如 2025-03-03T10:00:00+08:00）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "请求体应为 JSON 对象",
    "string_unicode": "含有不可见字符或控制字符（无法编码的代理项），请删除后重新提交",
}

STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    429: "rate_limited",
}


STATUS_MESSAGES = {
    400: "请求无法解析：请求体应为有效的 JSON 对象（或按接口说明的表单格式）",
    401: "缺少有效的接口令牌",
    403: "无权办理",
    404: "未找到该对象，或您无权查看",
    405: "该接口不支持此请求方法",
}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: Any = None,
) -> HttpResponse:
    body = {"code": code, "message": message, "details": details}
    return api.create_response(request, body, status=status)


def _field(loc: Any) -> str:
    """("body", "payload", "channel") → "channel"; ("query", "limit") → "limit"."""
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body":
        parts = parts[2:] or parts[:1]
    elif len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


def _problem(error: dict[str, Any]) -> str:
    """Chinese for one pydantic error; bounds say which (“不能大于20”)."""
    kind, ctx = str(error.get("type")), error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than") and "ge" in ctx:
        return f"数值过小：不能小于{ctx['ge']}"
    if kind in ("less_than_equal", "less_than") and "le" in ctx:
        return f"数值过大：不能大于{ctx['le']}"
    return FIELD_PROBLEMS.get(kind, str(error.get("msg", "")))


def install_handlers(api: NinjaAPI) -> None:
    def domain(request: HttpRequest, exc: GongkaiError) -> HttpResponse:
        for cls, status, code in DOMAIN_ERRORS:
            if isinstance(exc, cls):
                return error_response(api, request, status, code, str(exc))
        raise AssertionError("GongkaiError is the last row")  # pragma: no cover

    def refused(request: HttpRequest, exc: ApiRefusal) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message, exc.details)

    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        text = "；".join(m for messages in fields.values() for m in messages)
        return error_response(api, request, 400, "invalid_data", f"数据不符合要求：{text}", fields)

    def request_invalid(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
        problems = [{"field": _field(e.get("loc", ())), "problem": _problem(e)} for e in exc.errors]
        summary = "；".join(f"{p['field']}：{p['problem']}" for p in problems)
        return error_response(
            api, request, 422, "invalid_request", f"请求不符合接口说明：{summary}", problems
        )

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        message = "未找到该对象，或您无权查看"
        return error_response(api, request, 404, "not_found", message)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, Throttled):
            wait = max(1, int(exc.wait or 1))
            response = error_response(
                api,
                request,
                429,
                "rate_limited",
                f"请求过于频繁，请在{wait}秒后重试",
                {"retry_after": wait},
            )
            response["Retry-After"] = str(wait)
            return response
        if isinstance(exc, AuthenticationError):
            response = error_response(
                api,
                request,
                401,
                "unauthenticated",
                "缺少有效的接口令牌：请在请求头中提供 Authorization: Bearer <令牌>",
            )
            response["WWW-Authenticate"] = "Bearer"
            return response
        code = STATUS_CODES.get(exc.status_code, "http_error")
        message = str(exc.message)
        if not any("\u4e00" <= char <= "\u9fff" for char in message):
            # ninja's own refusals are English ("Cannot parse request body"): say it in
            # Chinese, keeping the original for developers.
            chinese = STATUS_MESSAGES.get(
                exc.status_code, f"请求未能处理（HTTP {exc.status_code}）"
            )
            return error_response(api, request, exc.status_code, code, chinese, {"reason": message})
        return error_response(api, request, exc.status_code, code, message)

    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("接口请求处理失败：%s %s", request.method, request.path)
        request_id = request_id_of(request)
        message = (
            f"服务器处理请求时出错，已记录（错误编号：{request_id}），"
            "请稍后重试或将错误编号告知系统管理员"
        )
        details = {"request_id": request_id}
        return error_response(api, request, 500, "internal_error", message, details)

    api.add_exception_handler(GongkaiError, domain)  # type: ignore[arg-type]
    api.add_exception_handler(ApiRefusal, refused)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, invalid_data)  # type: ignore[arg-type]
    api.add_exception_handler(RequestInvalid, request_invalid)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ObjectDoesNotExist, not_found)
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Exception, unexpected)
