from __future__ import annotations

from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "gongkai.web.fees"
    label = "fees"
    verbose_name = "信息处理费"
