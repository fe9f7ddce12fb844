"""Drafted narrative: the six sections of the report, written from the figures.

Real reports (the seeds) state in section 一 how many items were published and how many
applications were received and how they ended, with shares ("已公开6件，占31.58%"), in
section 四 whether there were 复议/诉讼, and in section 六 the 信息处理费. The drafter writes
those sentences from the report's own tables and the platform's figures, so the text agrees
with the tables by construction (the NARR checks confirm it). Where the platform has no
data (training, inspections, the problems of the year) the paragraph is a placeholder that
staff must replace; a placeholder left in the text blocks publication.

Every number printed here is a table cell, a figure, the year, or a share computed from
them; the module writes no number of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Section
from gongkai.core.reporting.figures import DraftFigures, FeeFigures
from gongkai.core.statistics.narrative import ApplicationFigures, percent

PLACEHOLDER_OPEN = "【待补充："
PLACEHOLDER_CLOSE = "】"

# The outcome groups of 表三 as the narrative names them (the NARR-OUTCOME-COUNT words).
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("denied_"))),
    ("无法提供", tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("unable_"))),
    ("不予处理", tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("not_processed_"))),
    ("其他处理", tuple(r for r in L.T3_OUTCOME_ROWS if r.startswith("other_"))),
)


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_OPEN}{what}{PLACEHOLDER_CLOSE}"


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER_OPEN in text


def draft_sections(report: AnnualReport, figures: DraftFigures) -> list[Section]:
    """The six sections, in order, drafted from ``report``'s tables and ``figures``."""
    texts = {
        "overview": _overview(report, figures),
        "proactive": _proactive(report),
        "applications": _applications_lead(report),
        "review_litigation": _review_litigation(report),
        "problems": placeholder(
            "本年度政府信息公开工作存在的主要问题，以及上年度问题的整改情况和下一步改进措施"
        ),
        "other": _other(figures.fees),
    }
    return [
        Section(key, number, L.SECTION_TITLES[key], texts[key])
        for key, number in zip(L.SECTION_KEYS, L.SECTION_NUMERALS, strict=True)
    ]


def draft_section(report: AnnualReport, figures: DraftFigures, key: str) -> str:
    return next(s.text for s in draft_sections(report, figures) if s.key == key)


# -- 一、总体情况 ---------------------------------------------------------------------------


def _overview(report: AnnualReport, figures: DraftFigures) -> str:
    lead = (
        f"{figures.year}年，{figures.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "坚持“以公开为常态、不公开为例外”，依法做好政府信息主动公开和依申请公开工作。"
    )
    paragraphs = [
        lead,
        "（一）主动公开情况。" + _proactive_overview(report, figures.catalogue),
        "（二）依申请公开情况。" + applications_paragraph(report, figures.applications),
        "（三）政府信息管理情况。" + _management(figures.catalogue),
        "（四）政府信息公开平台建设情况。" + _platforms(figures.catalogue),
        "（五）监督保障情况。"
        + placeholder("本年度政府信息公开工作的组织领导、培训、检查和考核等监督保障情况"),
    ]
    return "\n".join(paragraphs)


def _listing(counts: Mapping[str, Any], unit: str) -> str:
    return "、".join(f"{label}{n}{unit}" for label, n in counts.items() if isinstance(n, int))


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _proactive_overview(report: AnnualReport, catalogue: Mapping[str, Any] | None) -> str:
    sentences: list[str] = []
    published = _int(catalogue, "published_total") if catalogue is not None else None
    if catalogue is None or published is None:
        sentences.append(placeholder("本年度主动公开政府信息的数量、类别和公开渠道"))
    elif published == 0:
        sentences.append(f"{report.year}年，本机关未在政府信息公开目录中新公开政府信息。")
    else:
        sentences.append(f"{report.year}年，本机关主动公开政府信息{published}条。")
        by_category = catalogue.get("published_by_category") or {}
        if by_category:
            sentences.append(f"按类别分：{_listing(by_category, '条')}。")
        by_channel = catalogue.get("published_by_channel") or {}
        if by_channel:
            sentences.append(f"按公开渠道分：{_listing(by_channel, '条')}。")
        late = _int(catalogue, "published_late")
        on_time = _int(catalogue, "published_on_time")
        if late == 0:
            sentences.append("均在法定期限内公开。")
        elif late is not None and on_time is not None:
            sentences.append(f"其中在法定期限内公开{on_time}条，逾期公开{late}条。")
    sentences.append(_normative_sentence(report))
    return "".join(s for s in sentences if s)


def _normative_sentence(report: AnnualReport) -> str:
    row = report.table2.get("normative_documents")
    if not isinstance(row, dict):
        return ""
    issued, repealed, in_force = (row.get(c) for c in ("issued", "repealed", "in_force"))
    if not all(isinstance(v, int) for v in (issued, repealed, in_force)):
        return ""
    return (
        f"本年制发行政规范性文件{issued}件，废止{repealed}件，现行有效行政规范性文件{in_force}件。"
    )


def _t3(report: AnnualReport, row: str) -> int:
    cells = report.table3.get(row) or {}
    value = cells.get("total")
    return value if isinstance(value, int) else 0


def applications_paragraph(report: AnnualReport, applications: ApplicationFigures | None) -> str:
    """一(二): received, carried over, by channel and applicant, outcomes with shares."""
    year = report.year
    new, carried = _t3(report, "new_received"), _t3(report, "carried_over")
    results, forward = _t3(report, "results_total"), _t3(report, "carried_forward")
    if new == 0 and carried == 0:
        return f"{year}年，本机关未收到政府信息公开申请。"
    if new == 0:
        text = f"{year}年，本机关未收到新的政府信息公开申请。上年结转申请{carried}件。"
    else:
        text = f"{year}年，本机关共收到政府信息公开申请{new}件。"
        if carried:
            text += f"上年结转{carried}件，共办理政府信息公开申请{new + carried}件。"
        text += _by_channel(applications) + _by_applicant(report)
    if results:
        shares = []
        for name, rows in OUTCOME_GROUPS:
            count = sum(_t3(report, r) for r in rows)
            if count:
                shares.append(f"{name}{count}件，占{percent(count, results)}%")
        text += f"本年度办结{results}件，其中" + "；".join(shares) + "。"
    if forward:
        text += f"结转下年度继续办理{forward}件。"
    if applications is not None and applications.timed:
        text += f"按期答复{applications.on_time}件，按期答复率{applications.on_time_rate}%。"
    return text


def _by_channel(applications: ApplicationFigures | None) -> str:
    if applications is None:
        return ""
    counts = {CHANNEL_LABELS[c]: n for c, n in applications.new_by_channel.items() if n}
    return f"按申请渠道分：{_listing(counts, '件')}。" if counts else ""


def _by_applicant(report: AnnualReport) -> str:
    cells = report.table3.get("new_received") or {}
    counts = {
        L.T3_COLUMN_LABELS[c]: cells.get(c)
        for c in L.T3_APPLICANT_COLUMNS
        if isinstance(cells.get(c), int) and cells.get(c)
    }
    return f"按申请人类型分：{_listing(counts, '件')}。" if counts else ""


def _management(catalogue: Mapping[str, Any] | None) -> str:
    if catalogue is None:
        return placeholder("公文公开属性界定、发布前审查和保密审查等政府信息管理情况")
    sentences = []
    attributes = catalogue.get("attributes_set") or {}
    total = sum(n for n in attributes.values() if isinstance(n, int))
    if total:
        # "主动" keeps this clause out of the outcome reading of NARR-OUTCOME-COUNT, which
        # would otherwise take "不予公开N件" (an attribute) for an application outcome.
        sentences.append(
            "公文拟制时同步界定主动公开、依申请公开或不予公开属性，"
            f"本年共界定{total}件：{_listing(attributes, '件')}。"
        )
    steps, secrecy = _int(catalogue, "review_steps"), _int(catalogue, "secrecy_reviews")
    if steps:
        sentences.append(f"信息发布前完成审核{steps}次。")
    if secrecy:
        sentences.append(f"发布前保密审查{secrecy}次。")
    if not sentences:
        sentences.append(placeholder("公文公开属性界定、发布前审查和保密审查等政府信息管理情况"))
    return "".join(sentences)


def _platforms(catalogue: Mapping[str, Any] | None) -> str:
    accounts = _int(catalogue, "new_media_accounts") if catalogue is not None else None
    if catalogue is None or not accounts:
        return placeholder("政府网站、政务新媒体等政府信息公开平台建设情况")
    text = f"本机关开设政务新媒体账号{accounts}个"
    posts = _int(catalogue, "new_media_posts_total")
    unknown = catalogue.get("new_media_posts_missing") or []
    if unknown:  # a total over accounts whose posts were not entered would be a false figure
        names = "、".join(str(n) for n in unknown)
        text += "。" + placeholder(f"政务新媒体账号{names}本年发布信息数量尚未录入")
    elif posts is not None:
        text += f"，全年发布信息{posts}条"
        by_platform = catalogue.get("new_media_posts_by_platform") or {}
        if by_platform:
            text += f"（{_listing(by_platform, '条')}）"
    return text + "。"


# -- 二、三、四 ----------------------------------------------------------------------------


def _proactive(report: AnnualReport) -> str:
    return f"{report.year}年本机关主动公开政府信息情况见下表。"


def _applications_lead(report: AnnualReport) -> str:
    return f"{report.year}年本机关收到和处理政府信息公开申请情况见下表。"


def _review_litigation(report: AnnualReport) -> str:
    t4 = report.table4

    def total(block: str) -> int:
        value = t4.get(f"{block}_total")
        return value if isinstance(value, int) else 0

    review = total("review")
    direct, after = total("suit_direct"), total("suit_after_review")
    suits = direct + after
    if not review and not suits:
        return "本年度没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    parts = []
    if review:
        parts.append(f"本年度因政府信息公开工作被申请行政复议{review}件")
    else:
        parts.append("本年度没有因政府信息公开工作被申请行政复议的情况")
    if suits:
        parts.append(
            f"被提起行政诉讼{suits}件（其中未经复议直接起诉{direct}件、复议后起诉{after}件）"
        )
    else:
        parts.append("没有被提起行政诉讼的情况")
    return "，".join(parts) + "。具体情况见下表。"


# -- 六、其他需要报告的事项 -------------------------------------------------------------------


def _other(fees: FeeFigures | None) -> str:
    if fees is None:
        return placeholder("本年度信息处理费的收取情况（收费通知件数、通知金额、实际收取金额）")
    if fees.notices == 0 and fees.collected == 0:
        return "本年度未发出信息处理费收费通知，未收取信息处理费。"
    return (
        f"本年度依照《政府信息公开信息处理费管理办法》发出信息处理费收费通知{fees.notices}件，"
        f"通知收取金额{fees.charged}元，实际收取金额{fees.collected}元。"
    )
