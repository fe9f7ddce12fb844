"""The acknowledgement mail of an online application (a template, Django's mail backend)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from gongkai.web.portal.models import OnlineSubmission
from gongkai.web.portal.presenting import receipt_context

log = logging.getLogger("gongkai.portal")


def send_acknowledgement(submission_id: int, link: str) -> None:
    submission = OnlineSubmission.objects.select_related("application__agency").get(
        pk=submission_id
    )
    app = submission.application
    context = {**receipt_context(submission), "link": link}
    subject = f"【{app.agency.name}】政府信息公开申请已提交（查询号 {submission.tracking_number}）"
    send_mail(
        subject,
        render_to_string("portal/email/acknowledgement.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [app.contact_email],
    )
    log.info("已向申请人发送网上申请回执：%s", submission.tracking_number)
