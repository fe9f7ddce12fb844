"""``create_api_token USER --name NAME [--days N]``: make a token and print its secret once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.web.api.tokens import issue_token


class Command(BaseCommand):
    help = "为用户创建接口令牌，并显示一次令牌密钥（之后无法再次查看）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user", help="用户名")
        parser.add_argument("--name", required=True, help="令牌用途，如“省级平台对接”")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="有效天数（默认取设置 GONGKAI_API_TOKEN_DAYS；0 表示不设有效期）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        try:
            user = users.get(**{users.model.USERNAME_FIELD: options["user"]})
        except users.model.DoesNotExist:
            raise CommandError(f"用户“{options['user']}”不存在") from None
        if not user.is_active:
            raise CommandError(f"用户“{options['user']}”已停用，不能为其创建令牌")
        days = options["days"]
        if days is None:
            days = settings.GONGKAI_API_TOKEN_DAYS
        if days < 0:
            raise CommandError("有效天数不能为负数")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        secret = issue_token(user, options["name"], expires_at=expires_at)
        self.stdout.write(secret)
        until = (
            f"有效期至 {timezone.localtime(expires_at):%Y-%m-%d %H:%M}"
            if expires_at
            else "长期有效"
        )
        self.stderr.write(
            f"已为 {user} 创建令牌“{options['name']}”（{until}）。"
            "请立即妥善保存上面一行密钥：它不会再次显示。"
        )
