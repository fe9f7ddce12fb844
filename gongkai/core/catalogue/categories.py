"""The catalogue's category tree (主题分类).

The default tree has the fifteen mandatory items of §20 (P2) and the county-level additions of
§21 (P3, e.g. 治安管理). Agencies may replace it by a setting (docs/catalogue.md); codes are
stable keys stored on items, labels are what people read. The four §20 items that feed 表二
are marked so that reports can find them whatever the agency calls its sub-categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.core.errors import GongkaiError


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    parent: str | None = None


ARTICLE20_ITEMS: tuple[tuple[str, str], ...] = (
    ("a20-01", "第二十条第（一）项：行政法规、规章和规范性文件"),
    ("a20-02", "第二十条第（二）项：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("a20-03", "第二十条第（三）项：国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("a20-04", "第二十条第（四）项：国民经济和社会发展统计信息"),
    ("a20-05", "第二十条第（五）项：行政许可和其他对外管理服务事项的依据、条件、程序及办理结果"),
    (
        "a20-06",
        "第二十条第（六）项：行政处罚、行政强制的依据、条件、程序及有一定社会影响的处罚决定",
    ),
    ("a20-07", "第二十条第（七）项：财政预算、决算信息"),
    ("a20-08", "第二十条第（八）项：行政事业性收费项目及其依据、标准"),
    ("a20-09", "第二十条第（九）项：政府集中采购项目的目录、标准及实施情况"),
    ("a20-10", "第二十条第（十）项：重大建设项目的批准和实施情况"),
    (
        "a20-11",
        "第二十条第（十一）项：扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    ),
    ("a20-12", "第二十条第（十二）项：突发公共事件的应急预案、预警信息及应对情况"),
    (
        "a20-13",
        "第二十条第（十三）项：环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    ),
    ("a20-14", "第二十条第（十四）项：公务员招考的职位、名额、报考条件等事项以及录用结果"),
    (
        "a20-15",
        "第二十条第（十五）项：法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    ),
)

DEFAULT_TREE: tuple[Category, ...] = (
    Category("a20", "《条例》第二十条规定的主动公开内容"),
    *(Category(code, label, "a20") for code, label in ARTICLE20_ITEMS),
    Category("a20-01-norm", "行政规范性文件", "a20-01"),
    Category("a20-01-reg", "规章", "a20-01"),
    Category("a21", "《条例》第二十一条规定的重点领域信息"),
    Category("a21-public-order", "治安管理", "a21"),
    Category("a21-traffic", "道路交通安全管理", "a21"),
    Category("a21-household", "户籍管理", "a21"),
    Category("other", "其他信息"),
    Category("other-news", "工作动态", "other"),
    Category("other-interpretation", "政策解读", "other"),
)


class CategoryTree:
    """Categories with their parent links checked once, at start-up."""

    def __init__(self, categories: Iterable[Category]) -> None:
        self._by_code: dict[str, Category] = {}
        for cat in categories:
            if not cat.code.strip() or not cat.label.strip():
                raise GongkaiError("分类的代码和名称都不能为空")
            if cat.code in self._by_code:
                raise GongkaiError(f"分类代码“{cat.code}”重复")
            self._by_code[cat.code] = cat
        for cat in self._by_code.values():
            if cat.parent is not None and cat.parent not in self._by_code:
                raise GongkaiError(f"分类“{cat.label}”的上级分类“{cat.parent}”不存在")
        for cat in self._by_code.values():
            self.path(cat.code)  # refuses cycles

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Any:
        return iter(self._by_code.values())

    def get(self, code: str) -> Category:
        try:
            return self._by_code[code]
        except KeyError:
            raise GongkaiError(f"未知的信息分类：{code!r}") from None

    def path(self, code: str) -> tuple[Category, ...]:
        chain: list[Category] = []
        current: str | None = code
        while current is not None:
            cat = self.get(current)
            if cat in chain:
                raise GongkaiError(f"分类“{cat.label}”的上级关系形成了循环")
            chain.append(cat)
            current = cat.parent
        return tuple(reversed(chain))

    def label_path(self, code: str) -> str:
        return " › ".join(c.label for c in self.path(code))

    def children(self, code: str | None) -> list[Category]:
        return [c for c in self._by_code.values() if c.parent == code]

    def descendants(self, code: str) -> set[str]:
        """The code itself and every code below it (browsing a category shows all of them)."""
        found = {code}
        frontier = [code]
        while frontier:
            parent = frontier.pop()
            for child in self.children(parent):
                if child.code not in found:
                    found.add(child.code)
                    frontier.append(child.code)
        return found

    def ordered(self) -> list[tuple[int, Category]]:
        """Depth-first (depth, category) pairs, for indented choice lists."""
        out: list[tuple[int, Category]] = []

        def walk(parent: str | None, depth: int) -> None:
            for child in self.children(parent):
                out.append((depth, child))
                walk(child.code, depth + 1)

        walk(None, 0)
        return out

    def top_level(self, code: str) -> Category:
        return self.path(code)[0]


def tree_from_setting(rows: Sequence[Mapping[str, Any]] | None) -> CategoryTree:
    """``[{"code": …, "label": …, "parent": …}, …]`` replaces the default tree."""
    if rows is None:
        return CategoryTree(DEFAULT_TREE)
    cats = []
    for row in rows:
        unknown = sorted(set(row) - {"code", "label", "parent"})
        if unknown:
            raise GongkaiError(f"分类设置含未知的键：{'、'.join(unknown)}")
        cats.append(Category(str(row["code"]), str(row["label"]), row.get("parent")))
    return CategoryTree(cats)
