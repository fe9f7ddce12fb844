"""Who may take which catalogue step. The review steps carry their own roles (review.py);
this table covers the rest. Roles are the platform's (gongkai.core.applications.roles)."""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.applications.roles import ROLE_LABELS, PermissionDenied, Role


class CatalogueAction(StrEnum):
    DRAFT = "draft"
    EDIT = "edit"
    ATTACH = "attach"
    SUBMIT = "submit"
    REVIEW = "review"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    RECORD = "record"
    REASSESS = "reassess"
    NORMATIVE = "normative"
    IMPORT = "import"
    NEW_MEDIA = "new_media"
    GUIDE = "guide"


ACTION_LABELS: dict[CatalogueAction, str] = {
    CatalogueAction.DRAFT: "起草目录条目",
    CatalogueAction.EDIT: "修改目录条目",
    CatalogueAction.ATTACH: "上传附件",
    CatalogueAction.SUBMIT: "提交审核",
    CatalogueAction.REVIEW: "审核",
    CatalogueAction.PUBLISH: "发布",
    CatalogueAction.UNPUBLISH: "撤回已公开信息",
    CatalogueAction.RECORD: "登记为不主动公开",
    CatalogueAction.REASSESS: "复核不予公开信息",
    CatalogueAction.NORMATIVE: "管理规章和规范性文件",
    CatalogueAction.IMPORT: "导入业务数据",
    CatalogueAction.NEW_MEDIA: "管理政务新媒体",
    CatalogueAction.GUIDE: "编辑政府信息公开指南",
}

R = Role
_DRAFTERS = frozenset({R.REGISTRAR, R.HANDLER})
ACTION_ROLES: dict[CatalogueAction, frozenset[Role]] = {
    CatalogueAction.DRAFT: _DRAFTERS,
    CatalogueAction.EDIT: _DRAFTERS,
    CatalogueAction.ATTACH: _DRAFTERS,
    CatalogueAction.SUBMIT: _DRAFTERS,
    CatalogueAction.REVIEW: frozenset({R.HANDLER, R.REVIEWER, R.OFFICE_HEAD}),  # per step
    CatalogueAction.PUBLISH: frozenset({R.REGISTRAR, R.HANDLER, R.OFFICE_HEAD}),
    CatalogueAction.UNPUBLISH: frozenset({R.OFFICE_HEAD}),
    CatalogueAction.RECORD: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    CatalogueAction.REASSESS: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    CatalogueAction.NORMATIVE: frozenset({R.HANDLER, R.REVIEWER, R.OFFICE_HEAD}),
    CatalogueAction.IMPORT: frozenset({R.HANDLER, R.ADMINISTRATOR}),
    CatalogueAction.NEW_MEDIA: frozenset({R.HANDLER, R.ADMINISTRATOR}),
    CatalogueAction.GUIDE: frozenset({R.OFFICE_HEAD, R.ADMINISTRATOR}),
}
del R


def may(action: CatalogueAction, held: frozenset[Role] | set[Role]) -> bool:
    return bool(ACTION_ROLES[action] & set(held))


def require_catalogue_role(action: CatalogueAction, held: frozenset[Role] | set[Role]) -> None:
    if not may(action, held):
        allowed = ACTION_ROLES[action]
        names = "、".join(ROLE_LABELS[r] for r in Role if r in allowed)
        raise PermissionDenied(f"“{ACTION_LABELS[action]}”须由本机关的{names}岗位人员办理")
