"""The fee of an application (its notice is a ``Letter`` of the case, kind ``fee_notice``).

Written only by :mod:`gongkai.web.fees.services`, inside the application's transition (the
application row is locked), so a fee and the case status never disagree; every step is in
the application's audit trail (``CaseEvent``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.fees.schedules import FeeMethod
from gongkai.web.applications.models import Application, Letter


class FeeCharge(models.Model):
    """One application's 信息处理费: the assessment, the notice dates and the payment."""

    class Method(models.TextChoices):
        PER_APPLICATION = FeeMethod.PER_APPLICATION.value, FeeMethod.PER_APPLICATION.label
        PER_PAGE = FeeMethod.PER_PAGE.value, FeeMethod.PER_PAGE.label

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="fee"
    )
    method = models.CharField("计收方式", max_length=20, choices=Method.choices)
    # Exactly one of the two, by method (第三条: never both on one application).
    ordinal = models.PositiveIntegerField("本月申请序号", null=True, blank=True)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    amount = models.PositiveIntegerField("应缴金额（元）")
    explanation = models.TextField("计费说明")
    assessed_on = models.DateField("核定日期")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核定人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_sent_on = models.DateField("收费通知发出日", null=True, blank=True)
    notice_received_on = models.DateField("申请人收到通知日", null=True, blank=True)
    payment_due = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    paid_amount = models.PositiveIntegerField("实缴金额（元）", default=0)
    receipt_number = models.CharField("票据号码", max_length=100, blank=True)
    lapsed_on = models.DateField("逾期终止日期", null=True, blank=True)

    class Meta:
        verbose_name = "信息处理费"
        verbose_name_plural = "信息处理费"
        ordering = ("-assessed_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(method="per_application", ordinal__isnull=False, pages__isnull=True)
                    | models.Q(method="per_page", pages__isnull=False, ordinal__isnull=True)
                ),
                name="fee_charge_one_method",
            ),
        )

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_method_display()} {self.amount}元"

    @property
    def method_enum(self) -> FeeMethod:
        return FeeMethod(self.method)


class FeeNotice(models.Model):
    """Read-only since migration ``fees 0002``: the 收费通知书 as it was stored before it became
    a letter of the one letter system (``applications.Letter`` of kind ``fee_notice``).

    That migration copied each row — text, number, sending day, the DOCX and PDF as they
    were — into a ``Letter`` and names it in ``letter``; nothing writes this table any more
    (the fee steps store the notice with ``applications.letters.store_letter``). It is kept,
    not dropped, so the history stays readable as it was stored.
    """

    charge = models.OneToOneField(
        FeeCharge, verbose_name="信息处理费", on_delete=models.PROTECT, related_name="notice"
    )
    number = models.CharField("文号", max_length=50)
    content = models.JSONField("通知内容")
    docx = models.BinaryField("DOCX文件", null=True, blank=True, editable=False)
    pdf = models.BinaryField("PDF文件", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    letter = models.OneToOneField(
        Letter,
        verbose_name="转入的文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "收费通知书（旧记录，只读）"
        verbose_name_plural = "收费通知书（旧记录，只读）"

    def __str__(self) -> str:
        return self.number
