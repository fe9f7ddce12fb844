from __future__ import annotations

from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "gongkai.web.remedies"
    label = "remedies"
    verbose_name = "行政复议与行政诉讼"
