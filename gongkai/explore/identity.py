"""One agency across years and sources: the name as printed → a normalised key, its
region, level and kind, with an override table for what rules cannot know.

The rules are Polars string expressions (run once per distinct name, not per report):
  - 简称 → 全称 (卫健委 → 卫生健康委员会, 政府办 → 人民政府办公室, 住建局, 市场监管局);
  - renamed after the 2018 reform (环境保护局 → 生态环境局, 国土资源局 → 自然资源局, ...);
  - a city bureau's county branch (某市公安局某县分局, 某县公安分局) → 某县公安局;
  - a province or city written before a lower unit (福建省三明市沙县公安局) → 沙县公安局,
    the higher units kept as the region.
The key is the lowest administrative unit plus the kind, so two counties of the same name
in different cities would merge: the override table (a CSV of name → key, and optionally
region, level, kind) separates them, and joins a renamed agency the rules do not know.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from gongkai.core.errors import InputError

# 简称 → 全称; the lookbehinds keep an already-full name unchanged.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("卫健委$", "卫生健康委员会"),
    ("卫生健康委$", "卫生健康委员会"),
    ("住建局$", "住房和城乡建设局"),
    ("住建厅$", "住房和城乡建设厅"),
    ("市场监管局$", "市场监督管理局"),
    ("政府办$", "人民政府办公室"),
    ("(^|[^民])政府办公室$", "${1}人民政府办公室"),
    ("(^|[^民])政府办公厅$", "${1}人民政府办公厅"),
    ("环保局$", "生态环境局"),
)
# Renamed by the 2018 institutional reform: the new name is the agency's key.
RENAMES: tuple[tuple[str, str], ...] = (
    ("环境保护局$", "生态环境局"),
    ("环境保护厅$", "生态环境厅"),
    ("国土资源局$", "自然资源局"),
    ("国土资源厅$", "自然资源厅"),
    ("卫生和计划生育委员会$", "卫生健康委员会"),
)
PROVINCES = (
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
)
# Kinds, longest first, with the printed stem that names them in tables.
KINDS: tuple[tuple[str, str], ...] = (
    ("人民政府办公室", "政府办公室"),
    ("人民政府办公厅", "政府办公室"),
    ("住房和城乡建设局", "住房城乡建设"),
    ("住房和城乡建设厅", "住房城乡建设"),
    ("卫生健康委员会", "卫生健康"),
    ("市场监督管理局", "市场监管"),
    ("生态环境局", "生态环境"),
    ("生态环境厅", "生态环境"),
    ("自然资源局", "自然资源"),
    ("自然资源厅", "自然资源"),
    ("城市管理和综合执法局", "城市管理"),
    ("城市管理局", "城市管理"),
    ("公安局", "公安"),
    ("公安厅", "公安"),
    ("教育局", "教育"),
    ("教育厅", "教育"),
    ("人民政府", "人民政府"),
)
LEVELS = ("省级", "市级", "县级")

_PROVINCE_PREFIX = "^(" + "|".join(PROVINCES) + ")"
# 某市公安局某县分局 / 某市生态环境局某区分局 → 某市某县公安局 (the city stays as a prefix)
_BRANCH = r"^(.+?[市州盟])([^市州盟]*?局)(.+?[县区旗市])分局$"
_COUNTY_BRANCH = r"^(.+?[县区旗])公安分局$"
_CITY = r"^(.{2,8}?(?:市|自治州|州|地区|盟))((?:.{1,6}?[县区旗]|.{2,6}?市).+)$"
_UNIT = r"^(?:.{1,6}?[县区旗]|.{2,8}?(?:市|自治州|州|地区|盟)|.{2,8}?(?:省|自治区))"


def normalise_expr(name: pl.Expr) -> pl.Expr:
    """The name with spaces removed, 简称 expanded, renames applied, branches folded."""
    out = name.str.replace_all(r"[\s　]", "")
    for pattern, full in (*ABBREVIATIONS, *RENAMES):
        out = out.str.replace(pattern, full)
    out = out.str.replace(_BRANCH, "${1}${3}${2}").str.replace(_COUNTY_BRANCH, "${1}公安局")
    return out


def _kind_expr(name: pl.Expr) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.String)
    for suffix, stem in reversed(KINDS):
        expr = pl.when(name.str.ends_with(suffix)).then(pl.lit(stem)).otherwise(expr)
    # An agency of a kind not listed: its last word (…局, …委员会, …办公室) names it.
    fallback = name.str.replace(_UNIT, "")
    return expr.fill_null(fallback).fill_null(pl.lit("其他"))


def resolve(names: pl.Series, overrides: pl.DataFrame | None = None) -> pl.DataFrame:
    """For each distinct printed name: key, display name, province, region, level, kind."""
    frame = pl.DataFrame({"agency_raw": names.unique().drop_nulls()}).with_columns(
        normal=normalise_expr(pl.col("agency_raw"))
    )
    # The province is a prefix only when a lower unit follows (福建省公安厅 keeps it).
    below = r"(.{1,8}?[市州盟县区旗].+)$"
    frame = frame.with_columns(
        province=pl.col("normal").str.extract(_PROVINCE_PREFIX, 1),
        rest=pl.col("normal").str.replace(_PROVINCE_PREFIX + below, "${2}"),
    ).with_columns(
        city=pl.col("rest").str.extract(_CITY, 1),
        key=pl.col("rest").str.replace(_CITY, "${2}"),
    )
    frame = frame.with_columns(kind=_kind_expr(pl.col("key")))
    frame = frame.with_columns(
        level=pl.when(
            pl.col("key").str.contains(r"^.{1,8}?[县区旗]") | pl.col("city").is_not_null()
        )
        .then(pl.lit("县级"))
        .when(pl.col("key").str.contains(_PROVINCE_PREFIX) | pl.col("key").str.ends_with("厅"))
        .then(pl.lit("省级"))
        .otherwise(pl.lit("市级"))
    )
    frame = frame.with_columns(region=pl.concat_str("province", "city", ignore_nulls=True))
    frame = frame.select("agency_raw", "key", "province", "region", "level", "kind")
    if overrides is not None and overrides.height:
        frame = _apply_overrides(frame, overrides)
    return frame.with_columns(agency=pl.col("key"))


def _apply_overrides(frame: pl.DataFrame, overrides: pl.DataFrame) -> pl.DataFrame:
    # A row names either a printed name or an already normalised key; its non-empty
    # columns replace what the rules found.
    cols = [c for c in ("key", "province", "region", "level", "kind") if c in overrides.columns]
    table = overrides.select("name", *cols).unique("name", keep="last")
    table = table.rename({c: f"{c}_o" for c in cols})
    for on in ("agency_raw", "key"):
        joined = frame.join(table.rename({"name": on}), on=on, how="left")
        frame = joined.with_columns(
            [pl.coalesce(pl.col(f"{c}_o").replace("", None), pl.col(c)).alias(c) for c in cols]
        ).select(frame.columns)
    return frame


def read_overrides(path: Path) -> pl.DataFrame:
    """The override table: CSV with a ``name`` column and any of key/province/region/level/kind."""
    try:
        table = pl.read_csv(path, infer_schema=False)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(f"无法读取机关名称对照表 {path}：{exc}") from exc
    if "name" not in table.columns or len(table.columns) < 2:
        raise InputError(f"机关名称对照表 {path} 须有 name 列及 key/region/level/kind 中至少一列")
    bad = (
        table.filter(pl.col("level").is_not_null() & ~pl.col("level").is_in(LEVELS))
        if ("level" in table.columns)
        else table.clear()
    )
    if bad.height:
        raise InputError(f"机关名称对照表的 level 只能是 {'、'.join(LEVELS)}：{bad['level'][0]}")
    return table
