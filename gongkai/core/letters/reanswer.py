"""The 重新答复书: the new answer a 复议决定 or a judgment ordered (docs/remedies.md).

A review body that revokes an answer may order the agency to make it again within a period
(行政复议法 2023 §64: "责令被申请人在一定期限内重新作出行政行为"), or order it to perform
(§66); a court may order the same (行政诉讼法 §70, §72; 法释〔2011〕17号 §9, §10). The new answer
is an answer under §36–§39 like the first: the same decision sentences, reasons and remedy
paragraph (:func:`gongkai.core.letters.replies.reply`), dated the day it is issued, under its
own title and number, and opening with the order it carries out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.errors import GongkaiError
from gongkai.core.letters.model import (
    LETTER_TITLES,
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    chinese_date,
    document_number,
    opening,
)
from gongkai.core.letters.remedy import DEFAULT_REMEDY_RULES, RemedyRules
from gongkai.core.letters.replies import Decision, reply


def reanswer(
    agency: AgencyFacts,
    app: ApplicationFacts,
    decision: Decision,
    reply_date: date,
    *,
    order: str,
    order_received: date,
    remedy_rules: RemedyRules = DEFAULT_REMEDY_RULES,
    outcome_rows: Mapping[Outcome, str] | None = None,
    attachments: Sequence[str] = (),
    first_answer: bool = False,
) -> LetterText:
    """The 重新答复书 carrying out ``order`` (the decision or judgment, named with its number),
    which the agency received on ``order_received``.

    ``first_answer``: the order is to answer an application never answered in time (逾期未
    答复: 行政复议法 §66 责令履行, 行政诉讼法 §72 判决履行). Nothing was answered before, so
    the letter is the 答复书 itself (its title and number), opening with the order: saying
    "重新答复" would tell the applicant of an answer he never had."""
    if not order.strip():
        raise GongkaiError("重新答复书须写明责令重新答复的复议决定书或判决书")
    if reply_date < order_received:
        raise GongkaiError("重新答复日期不能早于收到复议决定书或判决书之日")
    text = reply(
        agency,
        app,
        decision,
        reply_date,
        remedy_rules=remedy_rules,
        outcome_rows=outcome_rows,
        attachments=attachments,
    )
    received = f"本机关于{chinese_date(order_received)}收到{order.strip()}，"
    if first_answer:
        first = opening(app) + received + "责令本机关对该申请依法作出答复。经审查，现答复如下："
        return replace(text, paragraphs=(first, *text.paragraphs[1:]))
    first = opening(app) + received + "责令本机关对该申请重新答复。经重新审查，现答复如下："
    return replace(
        text,
        kind=LetterKind.REANSWER,
        title=LETTER_TITLES[LetterKind.REANSWER],
        number=document_number(LetterKind.REANSWER, agency, app.number),
        paragraphs=(first, *text.paragraphs[1:]),
    )
