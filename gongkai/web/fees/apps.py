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
        from gongkai.web.fees.rendering import LEGACY_RENDER_JOB
        from gongkai.web.tasks.queue import register_job

        # Only for jobs an older release queued: notices are letters now (fees 0002).
        register_job(LEGACY_RENDER_JOB, "gongkai.web.fees.rendering.render_notice_files")
        # A paid fee pauses the answer clock (§4.4): the one clock reads the fee records.
        register_fee_source(fee_waits, fee_rules)
