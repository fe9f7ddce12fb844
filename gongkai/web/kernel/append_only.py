"""The one append-only base of every record that is evidence (case trail, review trail,
report events and versions, due-date recomputations), and :class:`TrailEntry`, the fields
every audit trail shares.

S9 §5 puts the burden of proof on the agency: a record once written is never changed or
deleted through the ORM. ``record_name`` names the record in the Chinese refusal.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from gongkai.core.errors import GongkaiError


class AppendOnly(GongkaiError):
    """An attempt to change or delete a record that may only be appended to."""


class AppendOnlyModel(models.Model):
    """A record that is evidence: written once, never changed or deleted."""

    record_name: ClassVar[str] = "记录"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly(self.refusal_to_change())
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly(self.refusal_to_delete())

    def refusal_to_change(self) -> str:
        return f"{self.record_name}只能追加，不能修改"

    def refusal_to_delete(self) -> str:
        return f"{self.record_name}只能追加，不能删除"


class TrailEntry(AppendOnlyModel):
    """An entry of an audit trail: when it was written, by whom (``None``: the applicant on
    the portal, or the system), what was said and the step's data. Each app's trail adds
    what its record is about (the case, the item, the draft…) and its action."""

    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    data = models.JSONField("详细数据", default=dict, blank=True)

    class Meta:
        abstract = True
