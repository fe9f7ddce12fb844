from __future__ import annotations

from django.contrib import admin

from gongkai.web.agencies.models import Agency, Membership, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "supervisor")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    inlines = (UnitInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "unit")
    list_filter = ("agency", "role")
    search_fields = ("user__username", "agency__name")
