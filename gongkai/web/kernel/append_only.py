"""The one append-only base of every record that is evidence (case trail, review trail,
report events and versions, due-date recomputations).

S9 §5 puts the burden of proof on the agency: a record once written is never changed or
deleted through the ORM. ``record_name`` names the record in the Chinese refusal.
"""

from __future__ import annotations

from typing import Any, ClassVar

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
