"""Who the demo is about: its two agencies and one user per role.

Shared by the demo (:mod:`gongkai.web.demo`, which composes every app's part) and the apps'
own ``demo`` modules, which run below it and so must not import it.
"""

from __future__ import annotations

from gongkai.core.applications.roles import Role

GOVERNMENT_OFFICE = "清河县人民政府办公室"
BUREAU = "清河县公安局"
# Fictitious 统一社会信用代码 in the 机关 range (11…), valid check digits.
OFFICE_CODE = "111305340000000014"
BUREAU_CODE = "111305340000000027"

# username, full name, agency, role, password: printed by `gongkai serve`, documented in
# docs/platform.md. Demo-only accounts; a real installation creates its own users.
DEMO_USERS: tuple[tuple[str, str, str, Role, str], ...] = (
    ("dengji", "王登记", BUREAU, Role.REGISTRAR, "dengji-demo-2026"),
    ("chengban", "李承办", BUREAU, Role.HANDLER, "chengban-demo-2026"),
    ("shenhe", "张审核", BUREAU, Role.REVIEWER, "shenhe-demo-2026"),
    ("fuzeren", "赵负责", BUREAU, Role.OFFICE_HEAD, "fuzeren-demo-2026"),
    ("guanli", "刘管理", BUREAU, Role.ADMINISTRATOR, "guanli-demo-2026"),
    ("jiandu", "陈监督", GOVERNMENT_OFFICE, Role.SUPERVISOR, "jiandu-demo-2026"),
)
