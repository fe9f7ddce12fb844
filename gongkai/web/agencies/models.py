"""Agencies, their internal units, and who holds which role in which agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.applications.roles import ROLE_LABELS, Role


class Agency(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        GOVERNMENT_OFFICE = "government_office", "人民政府办公室（政府信息公开工作主管部门）"
        DEPARTMENT = "department", "政府工作部门"

    name = models.CharField("机关名称", max_length=100, unique=True)
    # The 统一社会信用代码 of a 机关 (18 characters, starting with 11) is the natural code;
    # it identifies the agency on the command line and in data exports.
    code = models.CharField(
        "机关代码",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        help_text="统一社会信用代码，用于命令行和数据导出中指代本机关",
    )
    kind = models.CharField("机关类型", max_length=20, choices=Kind.choices)
    # §3: the 主管部门 (a government office) supervises the departments at its level and
    # receives their annual reports (§49).
    supervisor = models.ForeignKey(
        "self",
        verbose_name="主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField("内设机构名称", max_length=100)

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        constraints = (models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name"),)

    def __str__(self) -> str:
        return f"{self.agency.name} {self.name}"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        "岗位", max_length=20, choices=[(r.value, ROLE_LABELS[r]) for r in Role]
    )
    unit = models.ForeignKey(
        Unit, verbose_name="内设机构", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "岗位任职"
        verbose_name_plural = "岗位任职"
        constraints = (
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.name} · {ROLE_LABELS[Role(self.role)]}"
