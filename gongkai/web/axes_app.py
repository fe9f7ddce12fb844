"""django-axes (login lockout, gongkai/web/api/login_security.py) with a Chinese name in
the admin: its own app config names it "Axes", which no translation reaches."""

from __future__ import annotations

from axes.apps import AppConfig


class ChineseAxesConfig(AppConfig):
    verbose_name = "登录保护"
