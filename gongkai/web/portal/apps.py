from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    label = "portal"
    verbose_name = "申请人服务"

    def ready(self) -> None:
        from gongkai.web.kernel.case_files import register_applicant_files
        from gongkai.web.portal.case_files import PortalUploads

        # The staff case page lists and serves the applicant's uploads through the kernel.
        register_applicant_files(PortalUploads())
