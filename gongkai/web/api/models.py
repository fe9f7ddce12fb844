"""API tokens: a name, a public prefix and the SHA-256 of the secret (never the secret)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("用途", max_length=100, help_text="如：省级平台对接、12345热线")
    # The prefix is the public part of the token: it finds the row without a table scan and
    # lets an administrator recognise a token in logs, without revealing the secret.
    prefix = models.CharField("前缀", max_length=16, unique=True, editable=False)
    secret_hash = models.CharField("密钥摘要（SHA-256）", max_length=64, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)
    expires_at = models.DateTimeField("有效期至", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    def usable(self) -> bool:
        now = timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now
