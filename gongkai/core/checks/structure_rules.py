"""The six sections of the national format: present, numbered once each, in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report import labels as L
from gongkai.core.report.model import Finding, Severity


def _where(key: str) -> list[str]:
    return [f"sections.{key}"]


@rule("SECTIONS-REQUIRED", Severity.ERROR, "报告包含格式规定的六个部分", "structure")
def required_sections(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    if not ctx.report.sections:
        return  # a report built from data, or a document whose text was not read
    present = {s.key for s in ctx.report.sections}
    for key, label in zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True):
        if key not in present:
            yield r.finding(ctx, _where(key), f"报告缺少第「{label}」部分。")


@rule("SECTIONS-NUMBERING", Severity.ERROR, "六个部分依次编号一至六，每个编号只用一次", "structure")
def section_numbering(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    numbered = [s for s in ctx.report.sections if s.number]
    counts = Counter(s.number for s in numbered)
    for number, n in counts.items():
        if n > 1:
            titles = "、".join(f"「{s.number}、{s.title}」" for s in numbered if s.number == number)
            dupes = [s for s in numbered if s.number == number]
            lines = [s.line for s in dupes if s.line is not None]
            yield Finding(
                rule=r.id,
                severity=r.severity,
                where=[f"sections.{s.key or s.title}" for s in dupes],
                message=f"编号「{number}」用了{n}次：{titles}。",
                line=min(lines) if lines else None,
            )
    for s in numbered:
        if s.key is None:
            continue
        expected = L.SECTION_NUMERALS[L.SECTION_KEYS.index(s.key)]
        if s.number != expected:
            yield Finding(
                rule=r.id,
                severity=r.severity,
                where=_where(s.key),
                message=f"「{s.title}」应为第{expected}部分，原文编号为「{s.number}」。",
                line=s.line,
            )
    extra = [s for s in numbered if s.key is None]
    for s in extra:
        yield Finding(
            rule=r.id,
            severity=Severity.WARNING,
            where=[f"sections.{s.title}"],
            message=f"「{s.number}、{s.title}」不是格式规定的六个部分之一；"
            "格式外的内容宜放在「六、其他需要报告的事项」中。",
            line=s.line,
        )
