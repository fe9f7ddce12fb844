"""Jobs queued as ``fees.render_notice`` before the fee notice became a letter (migration
``fees 0002``): such a job names a ``FeeNotice`` row; it renders the ``Letter`` that row was
copied into, through the one letter system's renderer. New notices are letters and queue
the letters' own job (``applications.render_letter``).
"""

from __future__ import annotations

from gongkai.web.applications.letter_files import render_letter_files
from gongkai.web.fees.models import FeeNotice

LEGACY_RENDER_JOB = "fees.render_notice"


def render_notice_files(notice_id: int) -> None:
    """The job ``fees.render_notice`` of an older release: render the notice's letter."""
    letter_id = FeeNotice.objects.filter(pk=notice_id).values_list("letter_id", flat=True).first()
    if letter_id is not None:
        render_letter_files(letter_id)
