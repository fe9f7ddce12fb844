"""django-axes (login lockout, gongkai/web/api/login_security.py) in Chinese in the admin:
its app config names it "Axes", which no translation reaches, and its records describe
themselves in English sentences (``__str__``), shown in the admin's lists and history."""

from __future__ import annotations

from axes.apps import AppConfig


class ChineseAxesConfig(AppConfig):
    verbose_name = "登录保护"

    def ready(self) -> None:
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessLog.__str__ = lambda self: f"{self.username} 的登录记录（{self.attempt_time}）"  # type: ignore[method-assign,assignment]
        AccessAttempt.__str__ = lambda self: f"登录尝试（{self.attempt_time}）"  # type: ignore[method-assign,assignment]
        AccessFailureLog.__str__ = lambda self: (  # type: ignore[method-assign,assignment]
            f"{self.username} 登录失败（{self.attempt_time}，{self.ip_address}）"
        )
