from __future__ import annotations

from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "gongkai.web.fees"
    label = "fees"
    verbose_name = "信息处理费"

    def ready(self) -> None:
        from gongkai.web.applications.answer_clock import register_fee_source
        from gongkai.web.fees.clock import fee_waits
        from gongkai.web.fees.config import fee_rules
        from gongkai.web.fees.services import RENDER_JOB
        from gongkai.web.tasks.queue import register_job

        register_job(RENDER_JOB, "gongkai.web.fees.rendering.render_notice_files")
        # A paid fee pauses the answer clock (§4.4): the one clock reads the fee records.
        register_fee_source(fee_waits, fee_rules)
