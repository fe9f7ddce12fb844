"""`gongkai explore`: the file, the exports, the local server, and Chinese errors."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.explore_corpus import Truth
from gongkai.cli.main import main
from gongkai.explore.corpus import load
from gongkai.explore.serve import server


def test_out_and_export(
    corpus_dir: tuple[Path, Truth], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = corpus_dir
    page, folder = tmp_path / "corpus.html", tmp_path / "tables"
    status = main(
        [
            "explore",
            str(out),
            "--overrides",
            str(out / "overrides.csv"),
            "--out",
            str(page),
            "--export",
            str(folder),
        ]
    )
    assert status == 0
    html = page.read_text("utf-8")
    assert "Apache ECharts 6.1.0" in html  # inlined: nothing is loaded from elsewhere
    assert "<script src" not in html and "<link" not in html
    assert "已写出" in capsys.readouterr().out
    sheet = load_workbook(folder / "anomalies.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["机关", "年度", "类型"]
    assert (folder / "agency.csv").read_text("utf-8-sig").startswith("机关,年度,新收申请")


def test_missing_dataset_is_a_chinese_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explore", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.html")]) == 2
    assert "找不到数据集目录" in capsys.readouterr().err
    assert main(["explore", str(tmp_path)]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["explore", str(tmp_path), "--out", str(tmp_path / "x.html")]) == 2
    assert "缺少 reports.parquet" in capsys.readouterr().err


def test_serve_filters_and_exports(corpus_dir: tuple[Path, Truth]) -> None:
    out, _ = corpus_dir
    httpd = server(load([out]), "测试", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        page = urllib.request.urlopen(base + "/?year=2023&level=%E5%8E%BF%E7%BA%A7").read().decode()
        assert "selected>2023" in page and "selected>县级" in page
        assert "/export/agency.xlsx?year=2023" in page
        csv = (
            urllib.request.urlopen(base + "/export/agency.csv?year=2023").read().decode("utf-8-sig")
        )
        years = {line.split(",")[1] for line in csv.splitlines()[1:]}
        assert years == {"2023"}
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/export/nothing.csv")
        assert missing.value.code == 404
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_dataset_of_unreadable_files_still_gives_a_page(tmp_path: Path) -> None:
    from gongkai.explore.views import all_views
    from gongkai.ingest.pipeline import ingest

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "note.txt").write_text("这不是年度报告", "utf-8")
    ingest(tmp_path / "src", tmp_path / "ds", workers=1)
    (tmp_path / "empty").mkdir()
    ingest(tmp_path / "empty", tmp_path / "ds-empty", workers=1)
    views = {v.id: v for v in all_views(load([tmp_path / "ds", tmp_path / "ds-empty"]))}
    assert (
        "0 份报告" in views["overview"].note and "另有 1 个文件无法识别" in views["overview"].note
    )
    page = tmp_path / "page.html"
    assert main(["explore", str(tmp_path / "ds"), "--out", str(page)]) == 0
    assert page.stat().st_size > 0
