"""答复附件: the released information a reply comes with (issue 14).

A row is one file the applicant receives with the 答复书: either a file staff uploaded
(checked by content, :mod:`gongkai.core.uploads`), or a current file of a 主动公开目录 item
(``catalogue_file``, served from the catalogue, never copied). The reply letter lists the
rows by ``name`` as 附件; the applicant downloads them through the case's private link once
the reply is issued. Rows are added and removed only by the steps of
:mod:`gongkai.web.applications.releasing`, each audited; after the reply is issued they
are what the applicant was given and no step changes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


def _released_path(row: ReleasedFile, filename: str) -> str:
    # Content-addressed within the case: the same file attached twice is stored once.
    suffix = filename[filename.rfind(".") :] if "." in filename else ""
    return f"released/{row.application_id}/{row.sha256}{suffix}"


class ReleasedFile(models.Model):
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申请",
        on_delete=models.PROTECT,
        related_name="released_files",
    )
    name = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to=_released_path, max_length=200, blank=True)
    catalogue_file = models.ForeignKey(
        "catalogue.ItemAttachment",
        verbose_name="主动公开目录文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    media_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    added_on = models.DateField("添加日期")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复附件"
        verbose_name_plural = "答复附件"
        ordering = ("pk",)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(file="") | models.Q(catalogue_file__isnull=False),
                name="released_file_has_content",
            ),
        )

    def __str__(self) -> str:
        return self.name


def released_names(application_id: int | None) -> list[str]:
    """The names the reply lists as 附件, in the order they were attached."""
    if application_id is None:
        return []
    rows = ReleasedFile.objects.filter(application_id=application_id).order_by("pk")
    return list(rows.values_list("name", flat=True))
