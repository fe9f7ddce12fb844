"""Agency identity: printed names → one key per agency, region, level, kind, overrides."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from bench.explore_corpus import Truth
from gongkai.core.errors import InputError
from gongkai.explore.identity import read_overrides, resolve

SAME_AGENCY = [
    # 分局 vs 局, with or without the city and the province
    ("三明市公安局沙县分局", "沙县公安局", "县级", "公安"),
    ("福建省三明市沙县公安局", "沙县公安局", "县级", "公安"),
    ("沙县公安分局", "沙县公安局", "县级", "公安"),
    ("沙县公安局", "沙县公安局", "县级", "公安"),
    # 简称 / 全称
    ("东川县卫健委", "东川县卫生健康委员会", "县级", "卫生健康"),
    ("安平市政府办", "安平市人民政府办公室", "市级", "政府办公室"),
    ("安平市政府办公室", "安平市人民政府办公室", "市级", "政府办公室"),
    ("安平市 人民政府办公室", "安平市人民政府办公室", "市级", "政府办公室"),
    ("三明市市场监管局", "三明市市场监督管理局", "市级", "市场监管"),
    ("安平市住建局", "安平市住房和城乡建设局", "市级", "住房城乡建设"),
    # renamed by the 2018 reform; a city bureau's county branch
    ("东川县环境保护局", "东川县生态环境局", "县级", "生态环境"),
    ("安平市生态环境局东川县分局", "东川县生态环境局", "县级", "生态环境"),
    ("福建省环境保护厅", "福建省生态环境厅", "省级", "生态环境"),
    # provincial offices keep their province; a city's 市场 is not a unit
    ("福建省公安厅", "福建省公安厅", "省级", "公安"),
    ("福建省市场监督管理局", "福建省市场监督管理局", "省级", "市场监管"),
    ("三明市公安局", "三明市公安局", "市级", "公安"),
]


@pytest.mark.parametrize(("printed", "key", "level", "kind"), SAME_AGENCY)
def test_printed_name_resolves_to_its_agency(printed: str, key: str, level: str, kind: str) -> None:
    row = resolve(pl.Series([printed])).row(0, named=True)
    assert (row["key"], row["level"], row["kind"]) == (key, level, kind)


def test_region_is_kept_from_the_prefix() -> None:
    rows = resolve(pl.Series(["福建省三明市沙县公安局", "三明市公安局沙县分局"]))
    regions = dict(zip(rows["agency_raw"], rows["region"], strict=True))
    assert regions == {"福建省三明市沙县公安局": "福建省三明市", "三明市公安局沙县分局": "三明市"}


def test_override_joins_a_rename_the_rules_cannot_know(tmp_path: Path) -> None:
    names = pl.Series(["东川县城市管理局", "东川县城市管理和综合执法局"])
    assert resolve(names)["key"].n_unique() == 2
    table = tmp_path / "overrides.csv"
    table.write_text("name,key,level\n东川县城市管理局,东川县城市管理和综合执法局,县级\n", "utf-8")
    resolved = resolve(names, read_overrides(table))
    assert resolved["key"].unique().to_list() == ["东川县城市管理和综合执法局"]


def test_override_with_a_bad_level_is_refused_in_chinese(tmp_path: Path) -> None:
    table = tmp_path / "overrides.csv"
    table.write_text("name,level\n某局,区级\n", "utf-8")
    with pytest.raises(InputError, match="level 只能是"):
        read_overrides(table)


def test_every_synthetic_variant_resolves_to_its_agency(corpus_dir: tuple[Path, Truth]) -> None:
    out, truth = corpus_dir
    printed = pl.DataFrame(truth.reports).select("printed", "agency_id").unique()
    keys = pl.DataFrame(truth.agencies).select(agency_id="id", truth_key="key")
    resolved = resolve(printed["printed"], read_overrides(out / "overrides.csv"))
    joined = printed.join(keys, on="agency_id").join(
        resolved, left_on="printed", right_on="agency_raw"
    )
    wrong = joined.filter(pl.col("key") != pl.col("truth_key"))
    assert wrong.is_empty(), wrong.head()
    # and the variants were really there to fold
    assert printed.height > len(truth.agencies)
