"""Where proactively disclosed information is published (§23–§25, P5)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from gongkai.core.errors import GongkaiError


class PublicationChannel(StrEnum):
    WEBSITE = "website"
    NEW_MEDIA = "new_media"
    GAZETTE = "gazette"
    PRESS_CONFERENCE = "press_conference"
    PRESS = "press"
    READING_ROOM = "reading_room"
    NOTICE_BOARD = "notice_board"


CHANNEL_LABELS: dict[PublicationChannel, str] = {
    PublicationChannel.WEBSITE: "政府网站",
    PublicationChannel.NEW_MEDIA: "政务新媒体",
    PublicationChannel.GAZETTE: "政府公报",
    PublicationChannel.PRESS_CONFERENCE: "新闻发布会",
    PublicationChannel.PRESS: "报刊、广播、电视",
    PublicationChannel.READING_ROOM: "档案馆、图书馆、政务服务场所查阅点",
    PublicationChannel.NOTICE_BOARD: "公开栏、电子显示屏",
}


def parse_channels(values: Iterable[str]) -> tuple[PublicationChannel, ...]:
    out: list[PublicationChannel] = []
    for value in values:
        try:
            channel = PublicationChannel(value)
        except ValueError:
            raise GongkaiError(f"未知的公开渠道：{value!r}") from None
        if channel not in out:
            out.append(channel)
    return tuple(out)
