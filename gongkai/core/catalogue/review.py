"""The review pipeline before publication (§17, P7): steps as data.

The default is 初审 → 复审 → 终审 in that order, plus the mandatory 保密审查 (secrecy review),
which may be taken at any point of the round but must pass before anything is published
("先审查、后公开"). An agency may configure other steps; the 保密审查 cannot be configured away.
A rejection ends the round: the item returns to draft and a new round starts from the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.core.applications.roles import ROLE_LABELS, Role
from gongkai.core.errors import GongkaiError

SECRECY_STEP = "secrecy"


@dataclass(frozen=True)
class ReviewStep:
    key: str
    label: str
    roles: frozenset[Role]
    ordered: bool = True  # False: may be taken at any point of the round (保密审查)

    @property
    def roles_label(self) -> str:
        return "、".join(ROLE_LABELS[r] for r in Role if r in self.roles)


DEFAULT_PIPELINE: tuple[ReviewStep, ...] = (
    ReviewStep("first", "初审", frozenset({Role.HANDLER, Role.REVIEWER})),
    ReviewStep("second", "复审", frozenset({Role.REVIEWER})),
    ReviewStep("final", "终审", frozenset({Role.OFFICE_HEAD})),
    ReviewStep(SECRECY_STEP, "保密审查", frozenset({Role.REVIEWER, Role.OFFICE_HEAD}), False),
)


@dataclass(frozen=True)
class Pipeline:
    steps: tuple[ReviewStep, ...]

    def __post_init__(self) -> None:
        keys = [s.key for s in self.steps]
        if len(set(keys)) != len(keys):
            raise GongkaiError("审核环节的代码不能重复")
        if SECRECY_STEP not in keys:
            raise GongkaiError("审核流程必须包含保密审查（secrecy）环节（第十七条）")
        for step in self.steps:
            if not step.roles:
                raise GongkaiError(f"审核环节“{step.label}”没有指定可办理的岗位")
            if Role.SUPERVISOR in step.roles:
                raise GongkaiError(f"监督岗位只读，不能办理审核环节“{step.label}”")

    def step(self, key: str) -> ReviewStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise GongkaiError(f"未知的审核环节：{key!r}")

    def open_steps(self, passed: Iterable[str]) -> list[ReviewStep]:
        """Steps that may be taken now, given the keys passed in the current round."""
        done = set(passed)
        available: list[ReviewStep] = []
        next_ordered_found = False
        for step in self.steps:
            if step.key in done:
                continue
            if not step.ordered:
                available.append(step)
            elif not next_ordered_found:
                available.append(step)
                next_ordered_found = True
        return available

    def remaining(self, passed: Iterable[str]) -> list[ReviewStep]:
        done = set(passed)
        return [s for s in self.steps if s.key not in done]

    def complete(self, passed: Iterable[str]) -> bool:
        return not self.remaining(passed)

    def check_can_take(self, key: str, passed: Iterable[str], held: frozenset[Role]) -> ReviewStep:
        """The step to take, or a Chinese reason why this person cannot take it now."""
        step = self.step(key)
        done = list(passed)
        if key in done:
            raise GongkaiError(f"本轮审核的“{step.label}”已经通过，不能重复办理")
        if step not in self.open_steps(done):
            before = next(s for s in self.open_steps(done) if s.ordered)
            raise GongkaiError(f"须先完成“{before.label}”，才能进行“{step.label}”")
        if not step.roles & held:
            raise GongkaiError(f"“{step.label}”须由本机关的{step.roles_label}岗位人员办理")
        return step


def pipeline_from_setting(rows: Sequence[Mapping[str, Any]] | None) -> Pipeline:
    """``[{"key", "label", "roles": [...], "ordered": true}, …]`` replaces the default."""
    if rows is None:
        return Pipeline(DEFAULT_PIPELINE)
    steps = []
    for row in rows:
        unknown = sorted(set(row) - {"key", "label", "roles", "ordered"})
        if unknown:
            raise GongkaiError(f"审核环节设置含未知的键：{'、'.join(unknown)}")
        try:
            roles = frozenset(Role(r) for r in row["roles"])
        except (KeyError, ValueError):
            raise GongkaiError(f"审核环节“{row.get('label', '')}”的岗位设置无效") from None
        steps.append(
            ReviewStep(str(row["key"]), str(row["label"]), roles, bool(row.get("ordered", True)))
        )
    return Pipeline(tuple(steps))
