"""Checks on cells read by OCR: doubtful readings, and the one-digit correction that
would make the tables add up.

Both read ``report.source["low_confidence"]`` ({path: score}), which the OCR reader fills
(:func:`gongkai.core.parsing.ocr_reader.mark_low_confidence`); reports read from text
have none and get no finding here. A correction is only ever proposed in
``Finding.suggestion``: the value in the report stays what the scan shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report.arithmetic import Equation, all_equations, residual
from gongkai.core.report.model import Finding, Severity
from gongkai.core.report.naming import cell_name


def _low_confidence(ctx: CheckContext) -> dict[str, float]:
    raw = ctx.report.source.get("low_confidence")
    if not isinstance(raw, dict):
        return {}
    return {str(p): float(s) for p, s in raw.items() if isinstance(s, int | float)}


@rule(
    "OCR-LOW-CONFIDENCE", Severity.WARNING, "文字识别（OCR）置信度低的单元格应核对原件", "structure"
)
def low_confidence(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    low = _low_confidence(ctx)
    if not low:
        return
    # Imported here: the OCR layout module costs start-up, and only scans have such cells.
    from gongkai.core.parsing.ocr_layout import LOW_CONFIDENCE

    for path, score in sorted(low.items()):
        value = ctx.value(path)
        shown = "（未读出数值）" if value is None else f"「{value}」"
        yield r.finding(
            ctx,
            [path],
            f"{cell_name(path)}识别为{shown}，识别置信度{score:.2f}，低于{LOW_CONFIDENCE:.2f}，"
            "请核对扫描原件。",
        )


@dataclass(frozen=True)
class Correction:
    path: str
    old: int
    new: int


def one_digit_variants(value: int) -> Iterator[int]:
    """Every count that differs from ``value`` in exactly one printed digit."""
    digits = str(value)
    for i, current in enumerate(digits):
        for d in "0123456789":
            if d == current or (d == "0" and i == 0 and len(digits) > 1):
                continue
            yield int(digits[:i] + d + digits[i + 1 :])


def corrections(ctx: CheckContext) -> list[Correction]:
    """The single-digit changes of one low-confidence cell that make every equation hold.

    Only tried when some equation fails and every failing equation involves the cell; an
    equation with an unknown cell cannot be checked and does not block a correction.
    """
    low = _low_confidence(ctx)
    if not low:
        return []  # the usual case (no OCR): nothing to correct, no equation to evaluate
    equations = all_equations(ctx.report.format)
    failing = [eq for eq in equations if residual(eq, ctx.count) not in (None, 0)]
    if not failing:
        return []
    found: list[Correction] = []
    for path in sorted(low):
        old = ctx.count(path)
        if old is None or old < 0 or not all(path in eq.paths for eq in failing):
            continue
        involved = [eq for eq in equations if path in eq.paths]
        for new in one_digit_variants(old):
            if all(_holds(ctx, eq, path, new) for eq in involved):
                found.append(Correction(path, old, new))
    return found


def _holds(ctx: CheckContext, eq: Equation, path: str, new: int) -> bool:
    diff = residual(eq, lambda p: new if p == path else ctx.count(p))
    return diff is None or diff == 0


@rule(
    "OCR-CORRECTION",
    Severity.WARNING,
    "表格不平衡时，若改动一个低置信度单元格的一位数字即可使全部勾稽关系成立，提示核对该数字",
    "structure",
)
def correction(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    found = corrections(ctx)
    if len(found) == 1:
        c = found[0]
        yield r.finding(
            ctx,
            [c.path],
            f"{cell_name(c.path)}识别为{c.old}（置信度低）；若原件为{c.new}，表格全部勾稽关系"
            f"即成立。疑为识别错误，请核对原件。报告中的数值未作改动。",
            suggestion={"path": c.path, "from": c.old, "to": c.new},
        )
    elif found:
        options = "；".join(f"{cell_name(c.path)}{c.old}→{c.new}" for c in found)
        yield r.finding(
            ctx,
            sorted({c.path for c in found}),
            f"表格勾稽关系不成立；以下任一处改动一位数字均可使其成立：{options}。"
            "无法确定是哪一处识别错误，请核对原件。报告中的数值未作改动。",
            suggestion={
                "candidates": [{"path": c.path, "from": c.old, "to": c.new} for c in found]
            },
        )
