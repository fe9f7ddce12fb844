"""The one shape of every step of the platform, for every app:

guard → ``transaction.atomic()`` + ``select_for_update()`` → guard again on the locked row →
change → save → audit entry in the same transaction → the hooks other apps registered for
this kind of record → side effects on commit.

The app that owns a record says what its step checks, changes and audits (its status and
role tables, its audit table); the kernel owns the transaction, the lock and the order, so a
second person acting on the same row waits, then sees the first one's result and is refused
by the guard instead of overwriting it. The kernel imports no app: an app that must react to
another app's step (in the same transaction) registers a hook with :func:`on_step`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction

Row = TypeVar("Row", bound=models.Model)
Held = TypeVar("Held")
Data = dict[str, Any]
StepHook = Callable[[Any, str, Data], None]

_hooks: dict[type[models.Model], list[StepHook]] = {}


def on_step(model: type[models.Model], hook: StepHook) -> None:
    """Run ``hook(row, action, data)`` inside every step taken on a ``model`` row, after its
    audit entry (registered in ``AppConfig.ready``; a hook that raises undoes the step)."""
    hooks = _hooks.setdefault(model, [])
    if hook not in hooks:
        hooks.append(hook)


def take_step(
    model: type[Row],
    pk: int,
    action: str,
    *,
    guard: Callable[[Row], Held],
    change: Callable[[Row, Held], Data | None],
    audit: Callable[[Row, Held, Data], object],
    after_commit: Callable[[], None] | None = None,
) -> Row:
    """Take one step on the row ``pk`` of ``model``.

    ``guard`` runs on the locked row and raises the domain error that refuses the step; what
    it returns (the roles held, the status before) is handed to ``change`` and ``audit``.
    ``change`` changes the row and returns the audit entry's data; the row is then saved and
    ``audit`` writes the entry. ``after_commit`` runs only if the whole step commits, so a
    rolled-back step never sends anyone anything."""
    with transaction.atomic():
        row = model._default_manager.select_for_update().get(pk=pk)
        held = guard(row)
        data = change(row, held) or {}
        row.save()
        audit(row, held, data)
        for hook in _hooks.get(model, ()):
            hook(row, action, data)
        if after_commit is not None:
            transaction.on_commit(after_commit)
    return row
