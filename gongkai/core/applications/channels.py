"""Application channels and the §31 rule for the receipt date (day 0)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    IN_PERSON = "in_person"
    MAIL_SIGNED = "mail_signed"
    MAIL_ORDINARY = "mail_ordinary"
    ONLINE = "online"
    FAX = "fax"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.MAIL_SIGNED: "邮寄（需签收）",
    Channel.MAIL_ORDINARY: "平常信函",
    Channel.ONLINE: "互联网渠道",
    Channel.FAX: "传真",
}

# §31(二) ordinary mail: confirmed with the applicant on arrival; §31(三) internet and fax:
# the day both parties confirm. Until then day 0 is unknown, so it must not be guessed.
NEEDS_CONFIRMATION: frozenset[Channel] = frozenset(
    {Channel.MAIL_ORDINARY, Channel.ONLINE, Channel.FAX}
)

DAY0_RULES: dict[Channel, str] = {
    Channel.IN_PERSON: "提交之日（第三十一条第一项）",
    Channel.MAIL_SIGNED: "签收之日（第三十一条第二项）",
    Channel.MAIL_ORDINARY: "与申请人确认之日（第三十一条第二项）",
    Channel.ONLINE: "双方确认之日（第三十一条第三项）",
    Channel.FAX: "双方确认之日（第三十一条第三项）",
}


def needs_confirmation(channel: Channel) -> bool:
    return channel in NEEDS_CONFIRMATION


def day0_at_arrival(channel: Channel, arrived_on: date) -> date | None:
    """Day 0 known at registration (submission or signature), or None until confirmation."""
    return None if needs_confirmation(channel) else arrived_on
