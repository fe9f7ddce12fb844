"""API v1: one NinjaAPI with bearer-token auth, a per-token rate limit, the uniform error
shape, and its OpenAPI description at ``/api/v1/openapi.json``."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from gongkai.web.api.auth import BearerToken, TokenRateThrottle
from gongkai.web.api.errors import install_handlers
from gongkai.web.api.v1 import actions, agencies, applications, files

DESCRIPTION = """\
政府信息公开申请办理平台的数据接口（第1版），供省级平台、12345热线等系统交换申请。

* 认证：`Authorization: Bearer <令牌>`；令牌由管理员在管理后台或用
  `python -m gongkai.web.manage create_api_token 用户名 --name 用途` 创建。
* 权限与工作台完全相同：令牌代表其用户，按该用户在各机关的岗位办理；监督岗位只读。
* 错误一律为 `{"code": "...", "message": "中文说明", "details": ...}`。
"""


class ReadableJSON(JSONRenderer):
    """Chinese as characters, not \\u escapes: people read these answers too (curl, logs)."""

    json_dumps_params: ClassVar[Mapping[str, Any]] = MappingProxyType({"ensure_ascii": False})


api = NinjaAPI(
    title="gongkai 政府信息公开平台接口",
    version="1.0.0",
    description=DESCRIPTION,
    renderer=ReadableJSON(),
    auth=BearerToken(),
    throttle=[TokenRateThrottle()],
    # Swagger UI from ninja's own static files ("ninja" is in INSTALLED_APPS); the validator
    # badge would call validator.swagger.io, so it is switched off: no request leaves.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_handlers(api)
api.add_router("", applications.router)
api.add_router("", actions.router)
api.add_router("", agencies.router)
api.add_router("", files.router)
