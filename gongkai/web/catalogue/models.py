"""主动公开: catalogue items with their review trail, normative documents, business figures
imported for 表二, new-media accounts and the agency's 政府信息公开指南.

Statuses change only through :mod:`gongkai.web.catalogue.services`; every step leaves an
append-only record (:class:`ItemEvent`, :class:`CatalogueAudit`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.core.catalogue.attributes import (
    ATTRIBUTE_LABELS,
    REASON_LABELS,
    DisclosureAttribute,
    WithholdReason,
)
from gongkai.core.catalogue.business import FIGURE_LABELS
from gongkai.core.catalogue.channels import CHANNEL_LABELS, PublicationChannel
from gongkai.core.catalogue.normative import KIND_LABELS, DocumentKind
from gongkai.core.catalogue.statuses import STATUS_LABELS, ItemStatus
from gongkai.web.agencies.models import Agency
from gongkai.web.kernel.append_only import TrailEntry


def _choices(labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(key), label) for key, label in labels.items()]


class CatalogueItem(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="catalogue_items"
    )
    index_number = models.CharField("索引号", max_length=80)
    index_year = models.PositiveIntegerField("索引年度")
    index_seq = models.PositiveIntegerField("索引序号")
    title = models.CharField("名称", max_length=200)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    generated_on = models.DateField("生成日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    category = models.CharField("信息分类", max_length=40)
    attribute = models.CharField("公开属性", max_length=20, choices=_choices(ATTRIBUTE_LABELS))
    withhold_reason = models.CharField(
        "不予公开理由", max_length=30, blank=True, choices=_choices(REASON_LABELS)
    )
    attribute_note = models.TextField("属性界定说明", blank=True)
    formed_on = models.DateField("形成或者变更日期")
    publication_due = models.DateField("公开期限", null=True, blank=True)
    calendar_problem = models.CharField("期限无法计算的原因", max_length=200, blank=True)
    channels = models.JSONField("公开渠道", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=_choices(STATUS_LABELS), default=ItemStatus.DRAFT.value
    )
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    published_on = models.DateField("公开日期", null=True, blank=True)
    reassessment_due = models.DateField("下次复核日期", null=True, blank=True)
    archive_transferred_on = models.DateField("报送档案馆、图书馆日期", null=True, blank=True)
    # Tokens for full-text search (gongkai.core.catalogue.search), kept in step with the text.
    search_tokens = models.TextField("检索词", blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "主动公开目录条目"
        verbose_name_plural = "主动公开目录条目"
        ordering = ("-generated_on", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "index_number"], name="catalogue_item_unique_index"
            ),
            models.UniqueConstraint(
                fields=["agency", "index_year", "index_seq"], name="catalogue_item_unique_seq"
            ),
        )
        indexes = (models.Index(fields=["agency", "status", "published_on"]),)

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    @property
    def status_enum(self) -> ItemStatus:
        return ItemStatus(self.status)

    @property
    def attribute_enum(self) -> DisclosureAttribute:
        return DisclosureAttribute(self.attribute)

    @property
    def reason_enum(self) -> WithholdReason | None:
        return WithholdReason(self.withhold_reason) if self.withhold_reason else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status_enum]

    @property
    def attribute_label(self) -> str:
        return ATTRIBUTE_LABELS[self.attribute_enum]

    @property
    def channel_labels(self) -> list[str]:
        return [CHANNEL_LABELS[PublicationChannel(c)] for c in self.channels]

    @property
    def published_late(self) -> bool:
        return bool(self.published_on and self.publication_due) and (
            self.published_on > self.publication_due  # type: ignore[operator]
        )


class ItemAttachment(models.Model):
    """A file of an item. Stored in the database: it travels with the item in one transaction
    and one backup. A replaced file is kept (``superseded``), never deleted; only ``current``
    files are public. A replacement of a published item's file waits (``pending``) until it
    has passed the review pipeline and is published (services.replace_attachment)."""

    class State(models.TextChoices):
        CURRENT = "current", "现行"
        PENDING = "pending", "替换待审核"
        SUPERSEDED = "superseded", "已被替换"
        DISCARDED = "discarded", "替换未生效"

    item = models.ForeignKey(
        CatalogueItem, verbose_name="条目", on_delete=models.PROTECT, related_name="attachments"
    )
    filename = models.CharField("文件名", max_length=160)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    content = models.BinaryField("内容")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.CURRENT, db_index=True
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name="替换的附件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
    )
    state_changed_on = models.DateField("状态变更日期", null=True, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.filename


class ItemEvent(TrailEntry):
    """The trail of one item: drafting, each review step (who, when, passed or why not),
    publication, re-assessments."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name="条目", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("环节", max_length=30)
    label = models.CharField("环节名称", max_length=50)
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    step = models.CharField("审核环节", max_length=30, blank=True)
    passed = models.BooleanField("通过", null=True)
    occurred_on = models.DateField("发生日期")
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20)
    note = models.TextField("意见或说明", blank=True)

    class Meta:
        verbose_name = "条目办理记录"
        verbose_name_plural = "条目办理记录"
        ordering = ("recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.label}"


class NormativeDocument(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类型", max_length=30, choices=_choices(KIND_LABELS))
    title = models.CharField("文件名称", max_length=200)
    document_number = models.CharField("文号", max_length=100)
    issued_on = models.DateField("制发日期")
    last_amended_on = models.DateField("最近修订日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    catalogue_item = models.ForeignKey(
        CatalogueItem,
        verbose_name="目录条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "规章和规范性文件"
        verbose_name_plural = "规章和规范性文件"
        ordering = ("-issued_on", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "document_number"], name="normative_unique_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.document_number} {self.title}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[DocumentKind(self.kind)]


class BusinessImport(models.Model):
    """One uploaded file of business figures; kept whole (the raw file too) once committed."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="business_imports"
    )
    year = models.PositiveIntegerField("年度")
    filename = models.CharField("文件名", max_length=160)
    sha256 = models.CharField("SHA-256", max_length=64)
    content = models.BinaryField("原始文件")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    committed_at = models.DateTimeField("确认导入时间", null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "业务数据导入"
        verbose_name_plural = "业务数据导入"
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.year}年 {self.filename}"


class BusinessFigure(models.Model):
    batch = models.ForeignKey(
        BusinessImport, verbose_name="导入批次", on_delete=models.PROTECT, related_name="figures"
    )
    row = models.PositiveIntegerField("行号")
    kind = models.CharField("类别", max_length=30, choices=_choices(FIGURE_LABELS))
    count = models.PositiveIntegerField("处理决定数量", null=True, blank=True)
    amount_fen = models.BigIntegerField("收费金额（分）", null=True, blank=True)
    source = models.CharField("来源系统", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "业务数据"
        verbose_name_plural = "业务数据"
        ordering = ("batch", "row")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.count if self.count is not None else self.amount_fen}"
        )


class NewMediaAccount(models.Model):
    class Platform(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        WEIBO = "weibo", "微博"
        DOUYIN = "douyin", "抖音"
        KUAISHOU = "kuaishou", "快手"
        TOUTIAO = "toutiao", "头条号"
        CHANNELS = "channels", "微信视频号"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        ACTIVE = "active", "正常运营"
        SUSPENDED = "suspended", "暂停更新"
        CLOSED = "closed", "已关停"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="new_media_accounts"
    )
    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=100)
    operator = models.CharField("主办单位", max_length=100)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.ACTIVE)
    opened_on = models.DateField("开通日期", null=True, blank=True)
    closed_on = models.DateField("关停日期", null=True, blank=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ("platform", "name")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "platform", "name"], name="new_media_unique_account"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_platform_display()}·{self.name}"


class NewMediaPosts(models.Model):
    account = models.ForeignKey(
        NewMediaAccount, verbose_name="账号", on_delete=models.PROTECT, related_name="yearly_posts"
    )
    year = models.PositiveIntegerField("年度")
    posts = models.PositiveIntegerField("发布信息数")

    class Meta:
        verbose_name = "新媒体年度发布量"
        verbose_name_plural = "新媒体年度发布量"
        constraints = (
            models.UniqueConstraint(fields=["account", "year"], name="new_media_posts_unique_year"),
        )

    def __str__(self) -> str:
        return f"{self.account} {self.year}年 {self.posts}条"


class PortalGuide(models.Model):
    """The agency's 政府信息公开指南; an empty part shows the generated default text."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="portal_guide"
    )
    disclosure_methods = models.TextField("主动公开的方式", blank=True)
    application_channels = models.TextField("依申请公开的申请渠道", blank=True)
    office_contact = models.TextField("受理机构、地址和电话", blank=True)
    fees = models.TextField("收费", blank=True)
    remedies = models.TextField("救济途径", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.agency.name} 政府信息公开指南"


class CatalogueAudit(TrailEntry):
    """Who changed normative documents, imports, new-media accounts and the guide, and when."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("对象", max_length=30)
    subject_id = models.PositiveBigIntegerField("对象编号")
    action = models.CharField("操作", max_length=50)
    occurred_on = models.DateField("发生日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "主动公开操作记录"
        verbose_name_plural = "主动公开操作记录"
        ordering = ("recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.subject}#{self.subject_id} {self.action}"
