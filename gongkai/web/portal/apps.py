from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    label = "portal"
    verbose_name = "申请人服务"
