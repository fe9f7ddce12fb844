"""The disclosure attribute set when a document is drafted (SEED 002 "属性界定"; §13–§16).

Every item is 主动公开, 依申请公开 or 不予公开. A 不予公开 item must name the exemption it
rests on (§14–§16); the reason codes mirror the 表三 （三） rows 1–7 word for word.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.errors import GongkaiError


class DisclosureAttribute(StrEnum):
    PROACTIVE = "proactive"
    ON_REQUEST = "on_request"
    WITHHELD = "withheld"


ATTRIBUTE_LABELS: dict[DisclosureAttribute, str] = {
    DisclosureAttribute.PROACTIVE: "主动公开",
    DisclosureAttribute.ON_REQUEST: "依申请公开",
    DisclosureAttribute.WITHHELD: "不予公开",
}


class WithholdReason(StrEnum):
    STATE_SECRET = "state_secret"
    LAW_PROHIBITED = "law_prohibited"
    SECURITY_STABILITY = "security_stability"
    THIRD_PARTY = "third_party"
    INTERNAL_AFFAIRS = "internal_affairs"
    PROCESS_INFO = "process_info"
    ENFORCEMENT_FILE = "enforcement_file"


REASON_LABELS: dict[WithholdReason, str] = {
    WithholdReason.STATE_SECRET: "属于国家秘密（第十四条）",
    WithholdReason.LAW_PROHIBITED: "其他法律行政法规禁止公开（第十四条）",
    WithholdReason.SECURITY_STABILITY: "危及“三安全一稳定”（第十四条）",
    WithholdReason.THIRD_PARTY: "保护第三方合法权益（第十五条）",
    WithholdReason.INTERNAL_AFFAIRS: "属于三类内部事务信息（第十六条第一款）",
    WithholdReason.PROCESS_INFO: "属于四类过程性信息（第十六条第二款）",
    WithholdReason.ENFORCEMENT_FILE: "属于行政执法案卷（第十六条第二款）",
}


def parse_attribute(value: str) -> DisclosureAttribute:
    try:
        return DisclosureAttribute(value)
    except ValueError:
        raise GongkaiError(
            f"未知的公开属性：{value!r}（应为主动公开、依申请公开或不予公开）"
        ) from None


def check_attribute(attribute: DisclosureAttribute, reason: WithholdReason | None) -> None:
    """不予公开 needs its legal ground; the other two attributes must not carry one."""
    if attribute is DisclosureAttribute.WITHHELD and reason is None:
        raise GongkaiError("不予公开须注明依据（第十四条、第十五条或第十六条的具体情形）")
    if attribute is not DisclosureAttribute.WITHHELD and reason is not None:
        label = ATTRIBUTE_LABELS[attribute]
        raise GongkaiError(f"公开属性为“{label}”时不应填写不予公开的理由")
