"""API tokens in the admin: adding one shows its secret once; tokens are revoked, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from gongkai.web.api.models import ApiToken
from gongkai.web.api.tokens import issue_token, revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "state")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    actions = ("revoke_selected",)
    fields = ("user", "name", "expires_at")

    @admin.display(description="状态")
    def state(self, token: ApiToken) -> str:
        if token.revoked_at is not None:
            return "已吊销"
        if token.expires_at is not None and token.expires_at <= timezone.now():
            return "已过期"
        return "有效"

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return ()
        return ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        return self.fields if obj is None else self.get_readonly_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # every field is read-only once the token exists
        secret = issue_token(obj.user, obj.name, expires_at=obj.expires_at)
        created = ApiToken.objects.get(prefix=secret.split("_")[1])
        obj.pk = created.pk
        obj.prefix = created.prefix
        obj._state.adding = False
        messages.warning(
            request,
            f"令牌密钥（只显示这一次，请立即复制保存）：{secret}",
        )

    @admin.action(description="吊销所选令牌")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke(token)
        messages.success(request, f"已吊销 {queryset.count()} 个令牌")


# The login lockout's admin with its audited unlock action (registered on import).
from gongkai.web.api import login_admin  # noqa: E402, F401
