"""The letters of a case as plain text: 补正告知书, 延期答复告知书, 征求意见函,
收费通知书, 终止办理告知书 and the 答复书 of every outcome, with the remedy paragraph the reply
date and the 2024 复议法 require (domain.md §3.9). No Django: the shell stores the result and
renders the files (DOCX, PDF) from it.
"""

from gongkai.core.letters.fee_notice import fee_notice_letter
from gongkai.core.letters.model import (
    AgencyFacts,
    ApplicationFacts,
    LetterKind,
    LetterText,
    chinese_date,
)
from gongkai.core.letters.notices import (
    ConsultedParty,
    consultation_letter,
    extension_notice,
    fee_termination_notice,
    supplement_notice,
    termination_notice,
)
from gongkai.core.letters.remedy import RemedyRules, remedy_paragraph, review_first
from gongkai.core.letters.replies import (
    DEFAULT_LEGAL_BASIS,
    DETAILS_REQUIRED,
    NOT_GOVERNMENT_INFORMATION,
    WITHHELD_GROUND_LABELS,
    WITHHELD_GROUNDS,
    Decision,
    reply,
    withheld_sentence,
)

__all__ = [
    "DEFAULT_LEGAL_BASIS",
    "DETAILS_REQUIRED",
    "NOT_GOVERNMENT_INFORMATION",
    "WITHHELD_GROUNDS",
    "WITHHELD_GROUND_LABELS",
    "AgencyFacts",
    "ApplicationFacts",
    "ConsultedParty",
    "Decision",
    "LetterKind",
    "LetterText",
    "RemedyRules",
    "chinese_date",
    "consultation_letter",
    "extension_notice",
    "fee_notice_letter",
    "fee_termination_notice",
    "remedy_paragraph",
    "reply",
    "review_first",
    "supplement_notice",
    "termination_notice",
    "withheld_sentence",
]
