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


class IntakeForm(StrEnum):
    """How staff received the application: each has its own registration form (§29, §31)."""

    IN_PERSON = "in_person"
    ORAL = "oral"  # §29 ¶1: applied orally, staff wrote it down, the applicant confirmed
    MAIL_SIGNED = "mail_signed"
    MAIL_ORDINARY = "mail_ordinary"
    FAX = "fax"
    EMAIL = "email"  # an internet channel (§31(三); classing e-mail so is DERIVED)
    ONLINE = "online"  # the online form of the portal (the applicant registers it)


INTAKE_CHANNELS: dict[IntakeForm, Channel] = {
    IntakeForm.IN_PERSON: Channel.IN_PERSON,
    IntakeForm.ORAL: Channel.IN_PERSON,
    IntakeForm.MAIL_SIGNED: Channel.MAIL_SIGNED,
    IntakeForm.MAIL_ORDINARY: Channel.MAIL_ORDINARY,
    IntakeForm.FAX: Channel.FAX,
    IntakeForm.EMAIL: Channel.ONLINE,
    IntakeForm.ONLINE: Channel.ONLINE,
}

INTAKE_LABELS: dict[IntakeForm, str] = {
    IntakeForm.IN_PERSON: "当面提交书面申请",
    IntakeForm.ORAL: "当面口头申请（工作人员代为填写）",
    IntakeForm.MAIL_SIGNED: "邮寄（挂号信、EMS等需签收）",
    IntakeForm.MAIL_ORDINARY: "平常信函",
    IntakeForm.FAX: "传真",
    IntakeForm.EMAIL: "电子邮件",
    IntakeForm.ONLINE: "网上申请平台",
}

# What the registrar writes down for each form, beyond the §29 contents of the application.
INTAKE_RECORDS: dict[IntakeForm, str] = {
    IntakeForm.IN_PERSON: "提交日期即收到申请之日",
    IntakeForm.ORAL: "代为填写人，申请人确认代填内容无误（签名或捺印）；提交日期即收到申请之日",
    IntakeForm.MAIL_SIGNED: "签收日期（即收到申请之日）、邮件号，邮戳日期可选",
    IntakeForm.MAIL_ORDINARY: "到达日期、邮戳日期可选；当日与申请人确认，确认之日为收到申请之日",
    IntakeForm.FAX: "来件传真号码；与申请人双方确认之日为收到申请之日",
    IntakeForm.EMAIL: "来件电子邮箱；与申请人双方确认之日为收到申请之日",
    IntakeForm.ONLINE: "平台提交；双方确认之日为收到申请之日",
}


def intake_problems(
    form: IntakeForm,
    *,
    transcribed_by: str = "",
    applicant_confirmed: bool = False,
    sender_address: str = "",
    tracking_number: str = "",
) -> list[str]:
    """What is missing from a registration of this form (Chinese, one line per gap)."""
    problems = []
    if form is IntakeForm.ORAL:
        if not transcribed_by.strip():
            problems.append("口头申请须写明代为填写的工作人员（第二十九条第一款）")
        if not applicant_confirmed:
            problems.append("口头申请须经申请人确认代为填写的内容（签名或捺印）")
    if form in (IntakeForm.FAX, IntakeForm.EMAIL) and not sender_address.strip():
        problems.append("请填写来件的传真号码或电子邮箱，以便双方确认")
    if form is IntakeForm.MAIL_SIGNED and not tracking_number.strip():
        problems.append("需签收的邮件请填写邮件号（挂号信、EMS单号）")
    return problems
