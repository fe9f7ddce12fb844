"""Settings, categories, the review pipeline, attributes, index numbers and the guide."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.catalogue.attachments import check_attachment, clean_filename
from gongkai.core.catalogue.attributes import DisclosureAttribute, WithholdReason, check_attribute
from gongkai.core.catalogue.categories import ARTICLE20_ITEMS, DEFAULT_TREE, Category, CategoryTree
from gongkai.core.catalogue.channels import PublicationChannel
from gongkai.core.catalogue.figures import AccountFacts, ItemFacts, catalogue_figures_from
from gongkai.core.catalogue.guide import GUIDE_PARTS, AgencyFacts, default_guide
from gongkai.core.catalogue.index_numbers import check_index_format, format_index_number
from gongkai.core.catalogue.permissions import CatalogueAction, require_catalogue_role
from gongkai.core.catalogue.review import DEFAULT_PIPELINE, Pipeline, pipeline_from_setting
from gongkai.core.catalogue.rules import CatalogueRules, add_months, reassessment_due
from gongkai.core.catalogue.statuses import (
    InvalidItemTransition,
    ItemStatus,
    require_item_transition,
)
from gongkai.core.catalogue.table2 import build_table2, fen_to_wan_yuan
from gongkai.core.errors import GongkaiError
from gongkai.core.report.model import empty_table2


def test_default_tree_has_all_fifteen_article_20_items() -> None:
    tree = CategoryTree(DEFAULT_TREE)
    assert len(ARTICLE20_ITEMS) == 15
    assert all(code in tree for code, _ in ARTICLE20_ITEMS)
    assert tree.label_path("a21-public-order") == "《条例》第二十一条规定的重点领域信息 › 治安管理"
    assert tree.descendants("a20-01") == {"a20-01", "a20-01-norm", "a20-01-reg"}


def test_bad_trees_are_refused() -> None:
    with pytest.raises(GongkaiError, match="不存在"):
        CategoryTree([Category("a", "A", "missing")])
    with pytest.raises(GongkaiError, match="循环"):
        CategoryTree([Category("a", "A", "b"), Category("b", "B", "a")])
    with pytest.raises(GongkaiError, match="重复"):
        CategoryTree([Category("a", "A"), Category("a", "B")])
    with pytest.raises(GongkaiError, match="未知的键"):
        CatalogueRules.from_mapping({"categories": [{"code": "a", "label": "A", "x": 1}]})


def test_pipeline_default_order_and_free_secrecy_step() -> None:
    pipe = Pipeline(DEFAULT_PIPELINE)
    assert [s.label for s in pipe.open_steps([])] == ["初审", "保密审查"]
    assert [s.label for s in pipe.open_steps(["first", "secrecy"])] == ["复审"]
    assert not pipe.complete(["first", "second", "final"])
    assert pipe.complete(["first", "second", "final", "secrecy"])
    with pytest.raises(GongkaiError, match="须先完成“初审”"):
        pipe.check_can_take("final", [], frozenset({Role.OFFICE_HEAD}))
    with pytest.raises(GongkaiError, match="负责人"):
        pipe.check_can_take("final", ["first", "second"], frozenset({Role.REVIEWER}))


def test_pipeline_is_configurable_but_keeps_the_secrecy_review() -> None:
    pipe = pipeline_from_setting(
        [
            {"key": "legal", "label": "法核", "roles": ["reviewer"]},
            {"key": "secrecy", "label": "密核", "roles": ["reviewer"], "ordered": False},
            {"key": "text", "label": "文核", "roles": ["handler"]},
        ]
    )
    assert [s.label for s in pipe.open_steps([])] == ["法核", "密核"]
    with pytest.raises(GongkaiError, match="保密审查"):
        pipeline_from_setting([{"key": "a", "label": "A", "roles": ["reviewer"]}])
    with pytest.raises(GongkaiError, match="岗位设置无效"):
        pipeline_from_setting([{"key": "secrecy", "label": "A", "roles": ["boss"]}])
    with pytest.raises(GongkaiError, match="只读"):
        pipeline_from_setting([{"key": "secrecy", "label": "A", "roles": ["supervisor"]}])


def test_rules_refuse_unknown_and_bad_settings() -> None:
    with pytest.raises(GongkaiError, match="未知的主动公开设置"):
        CatalogueRules.from_mapping({"fee_decimal": 2})
    with pytest.raises(GongkaiError, match="0到6"):
        CatalogueRules(fee_decimals=9)
    with pytest.raises(GongkaiError, match=r"\{year\} 和 \{seq\}"):
        CatalogueRules(index_format="{agency_code}-{seq}")
    with pytest.raises(GongkaiError, match="未知字段"):
        check_index_format("{year}-{seq}-{colour}")
    assert CatalogueRules.from_mapping({"attachment_types": [".PDF"]}).attachment_types == ("pdf",)


def test_index_number_default_format() -> None:
    rules = CatalogueRules()
    assert (
        format_index_number(
            rules.index_format, agency_code="111305340000000027", year=2025, seq=12, category="x"
        )
        == "111305340000000027/2025-00012"
    )


def test_attributes_and_reasons() -> None:
    check_attribute(DisclosureAttribute.WITHHELD, WithholdReason.STATE_SECRET)
    check_attribute(DisclosureAttribute.PROACTIVE, None)
    with pytest.raises(GongkaiError, match="须注明依据"):
        check_attribute(DisclosureAttribute.WITHHELD, None)
    with pytest.raises(GongkaiError, match="不应填写"):
        check_attribute(DisclosureAttribute.ON_REQUEST, WithholdReason.THIRD_PARTY)


def test_status_table_and_permissions() -> None:
    require_item_transition(ItemStatus.IN_REVIEW, ItemStatus.DRAFT)
    with pytest.raises(InvalidItemTransition, match="不能转为“已公开”"):
        require_item_transition(ItemStatus.DRAFT, ItemStatus.PUBLISHED)
    require_catalogue_role(CatalogueAction.GUIDE, frozenset({Role.OFFICE_HEAD}))
    with pytest.raises(PermissionDenied, match="负责人、管理员"):
        require_catalogue_role(CatalogueAction.GUIDE, frozenset({Role.HANDLER}))


def test_reassessment_months_clamp_to_month_end() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert reassessment_due(date(2025, 3, 3), CatalogueRules(reassessment_months=6)) == date(
        2025, 9, 3
    )


def test_fees_are_rendered_in_wan_yuan_with_configured_decimals() -> None:
    assert fen_to_wan_yuan(64262340) == "64.2623"
    assert fen_to_wan_yuan(64262350, 4) == "64.2624"  # half up
    assert fen_to_wan_yuan(22530000, 2) == "22.53"
    assert fen_to_wan_yuan(0) == "0.0000"


def test_build_table2_has_the_report_shape() -> None:
    from gongkai.core.catalogue.business import FigureKind

    table = build_table2([], {FigureKind.PENALTY: 5, FigureKind.FEES: 150}, 2025, fee_decimals=6)
    assert set(table) == set(empty_table2())
    assert table["administrative_penalty"] == 5 and table["administrative_license"] is None
    assert table["administrative_fees"] == "0.000150"


def test_attachments() -> None:
    assert clean_filename("../../etc/通告:1.pdf") == "通告_1.pdf"
    assert check_attachment("a.PDF", 10, ("pdf",), 100) == "a.PDF"
    with pytest.raises(GongkaiError, match="空文件"):
        check_attachment("a.pdf", 0, ("pdf",), 100)
    with pytest.raises(GongkaiError, match="类型不允许"):
        check_attachment("a", 1, ("pdf",), 100)


def test_guide_default_text_uses_agency_data() -> None:
    text = default_guide(AgencyFacts("清河县公安局", "人民路1号", "0000-1", "办公室", "县政府办"))
    assert set(text) == {key for key, _ in GUIDE_PARTS}
    assert "人民路1号" in text["office_contact"] and "县政府办" in text["remedies"]
    assert "待补充" in default_guide(AgencyFacts("某局"))["office_contact"]


def test_figures_and_sentences() -> None:
    tree = CategoryTree(DEFAULT_TREE)
    items = [
        ItemFacts("a21-public-order", DisclosureAttribute.PROACTIVE, date(2025, 1, 2),
                  date(2025, 1, 10), date(2025, 2, 1), (PublicationChannel.WEBSITE,)),
        ItemFacts("a20-06", DisclosureAttribute.PROACTIVE, date(2025, 1, 2),
                  date(2025, 3, 10), date(2025, 2, 1), (PublicationChannel.WEBSITE,
                                                        PublicationChannel.NEW_MEDIA)),
        ItemFacts("a20-06", DisclosureAttribute.WITHHELD, date(2025, 1, 2), None, None, ()),
        ItemFacts("a20-06", DisclosureAttribute.PROACTIVE, date(2024, 1, 2),
                  date(2024, 3, 10), None, (PublicationChannel.WEBSITE,)),
    ]  # fmt: skip
    accounts = [
        AccountFacts("微博", "清河公安", True, 100),
        AccountFacts("抖音", "清河警方", True, None),
    ]
    f = catalogue_figures_from(items, accounts, 2025, tree, review_steps=8, secrecy_reviews=2)
    assert f["published_total"] == 2 and f["published_late"] == 1
    assert f["published_by_channel"] == {"政府网站": 2, "政务新媒体": 1}
    assert f["attributes_set"] == {"主动公开": 2, "不予公开": 1}
    assert f["new_media_posts_missing"] == ["清河警方"]
    assert "其中1条超过20个工作日公开期限。" in f["sentences"]
