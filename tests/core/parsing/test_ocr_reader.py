"""OCR of scanned report pages: layout rebuilt from box positions, and real scans of the
seed reports' 表三 and 表四 (drawn with Noto Sans CJK at 150 dpi, rotated 0.5°, blurred
and noised) read back cell for cell."""

from __future__ import annotations

import io
import itertools
import subprocess

import pytest
from PIL import Image

from bench.corpus import seed_reports
from bench.ocr import PageResult, degrade, ocr_page, render_tables_page, table_paths
from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.interpret import interpret
from gongkai.core.parsing.ocr_layout import (
    LOOKALIKE_CONFIDENCE,
    Rulings,
    Segment,
    TextBox,
    build_lines,
    clean_text,
)
from gongkai.core.report import labels as L


def _require_cjk_font() -> None:
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    if "noto sans cjk" not in listed.lower():
        pytest.fail(
            "Noto Sans CJK is not installed, so the scan tests cannot draw Chinese pages: "
            "run `apt-get install -y fonts-noto-cjk` (scripts/setup does) and re-run.",
            pytrace=False,
        )


# -- layout from positions (no OCR) -------------------------------------------------------


def _box(text: str, x0: float, y0: float, x1: float, score: float = 0.99) -> TextBox:
    return TextBox(text, score, x0, y0, x1, y0 + 20)


def _grid(xs: list[float], ys: list[float], open_cells: set[tuple[int, int]]) -> Rulings:
    """Rulings of a grid; ``open_cells`` (row, col) have no ruling above them (merged)."""
    rulings = Rulings()
    for r, y in enumerate(ys):
        for c, (x0, x1) in enumerate(itertools.pairwise(xs)):
            if (r, c) not in open_cells:
                rulings.horizontal.append(Segment(y, x0, x1))
    for x in xs:
        rulings.vertical.append(Segment(x, ys[0], ys[-1]))
    return rulings


def test_grid_rows_keep_empty_cells_and_mark_merged_copies() -> None:
    xs = [0.0, 100.0, 300.0, 400.0, 500.0]
    ys = [0.0, 40.0, 80.0, 120.0]
    rulings = _grid(xs, ys, {(1, 0), (2, 0)})  # column 0 is one cell over three rows
    boxes = [
        _box("（三）不予", 10, 30, 90),
        _box("公开", 10, 52, 60),  # the merged label wraps into the second band
        _box("1.属于国家秘密", 110, 10, 290),
        _box("3", 340, 10, 360, score=0.62),
        _box("2.其他法律行政法规禁止公开", 110, 50, 290),
        _box("0", 340, 50, 360),
        _box("7", 440, 50, 460),
        _box("3.危及", 110, 90, 200),
        _box("1", 340, 90, 360),
        _box("1", 440, 90, 460),
    ]
    lines = build_lines(boxes, rulings, page=2)
    assert [ln.number for ln in lines] == [1, 2, 3]
    first, second, third = (ln.cells for ln in lines)
    assert first is not None and second is not None and third is not None
    assert [(c.text, c.span) for c in first] == [
        ("（三）不予公开", False),
        ("1.属于国家秘密", False),
        ("3", False),
        ("", False),  # printed empty: stays an empty cell
    ]
    assert first[2].confidence == pytest.approx(0.62)
    assert first[3].confidence is None
    assert second[0].span and third[0].span and second[0].text == "（三）不予公开"
    assert [c.text for c in second[1:]] == ["2.其他法律行政法规禁止公开", "0", "7"]
    assert lines[0].page == 2


def test_box_merged_across_a_ruling_is_cut_into_label_and_numbers() -> None:
    xs = [0.0, 200.0, 260.0, 320.0]
    rulings = _grid(xs, [0.0, 40.0], set())
    # OCR saw "行政许可 12 7" as one box running over two rulings
    box = TextBox("行政许可 12 7", 0.97, 10, 10, 310, 30)
    (line,) = build_lines([box], rulings)
    assert line.cells is not None
    assert [c.text for c in line.cells] == ["行政许可", "12", "7"]


def test_without_rulings_boxes_cluster_into_rows_and_paragraphs() -> None:
    boxes = [
        _box("四、政府信息公开行政复议、行政诉讼情况", 0, 0, 600),
        _box("行政许可", 0, 50, 100),
        _box("11497", 300, 53, 380, score=0.8),  # a little lower: still the same row
        _box("行政处罚", 0, 90, 100),
        _box("92475", 300, 88, 380),
    ]
    lines = build_lines(boxes)
    assert lines[0].cells is None and lines[0].text.startswith("四、")
    assert [c.text for c in lines[1].cells or []] == ["行政许可", "11497"]
    assert (lines[1].cells or [])[1].confidence == pytest.approx(0.8)
    assert lines[2].text == "行政处罚\t92475"


def test_ocr_text_is_nfkc_and_digit_lookalikes_are_read_but_doubted() -> None:
    assert clean_text("１２３", 0.99) == ("123", 0.99)
    assert clean_text("（一）予以公开", 0.99) == ("(一)予以公开", 0.99)
    assert clean_text("1O", 0.98) == ("10", LOOKALIKE_CONFIDENCE)
    assert clean_text("O", 0.98) == ("0", LOOKALIKE_CONFIDENCE)
    assert clean_text("Other", 0.98) == ("Other", 0.98)


def test_low_confidence_cells_map_back_to_report_paths() -> None:
    from gongkai.core.parsing.ocr_reader import low_confidence_cells

    rows: list[list[Cell] | str] = ["四、政府信息公开行政复议、行政诉讼情况"]
    rows.append([Cell(L.T4_LEAF_LABELS[k]) for k in (*L.T4_LEAVES, "total")] * 3)
    values = [1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]
    rows.append([Cell(str(v), confidence=0.55 if i == 9 else 0.99) for i, v in enumerate(values)])
    doc = SourceDocument.from_rows(rows, "image")
    report = interpret(doc)
    assert report.table4["suit_direct_total"] == 2
    assert low_confidence_cells(report, doc) == {"table4.suit_direct_total": 0.55}


def test_a_file_that_is_not_an_image_is_refused() -> None:
    from gongkai.core.parsing.ocr_reader import read_image

    with pytest.raises(InputError):
        read_image(b"\x89PNG\r\n\x1a\n not really a png")


def test_an_oversized_image_is_refused_before_decoding() -> None:
    from gongkai.core.parsing.limits import MAX_IMAGE_PIXELS
    from gongkai.core.parsing.ocr_reader import read_image

    buf = io.BytesIO()
    side = int(MAX_IMAGE_PIXELS**0.5) + 10
    Image.new("1", (side, side), 1).save(buf, format="PNG")
    with pytest.raises(InputError, match="图片过大"):
        read_image(buf.getvalue())


def test_engine_is_built_once_per_process() -> None:
    from gongkai.core.parsing.ocr_reader import engine

    assert engine() is engine()


# -- real OCR of the seeds' tables ------------------------------------------------------


@pytest.fixture(scope="module")
def seed_pages() -> list[PageResult]:
    _require_cjk_font()
    # One of the five goes through as JPEG, the format phones and copiers produce.
    return [
        ocr_page(report, seed=i, fmt="JPEG" if i == 2 else "PNG")
        for i, report in enumerate(seed_reports())
    ]


def test_seed_tables_read_back_from_scans(seed_pages: list[PageResult]) -> None:
    cells = sum(p.cells for p in seed_pages)
    wrong = [w for p in seed_pages for w in p.wrong]
    assert cells == 5 * (25 * 7 + 15)
    assert (cells - len(wrong)) / cells >= 0.99, wrong
    assert [u for p in seed_pages for u in p.unflagged] == []
    for page in seed_pages:
        assert page.report.source["format"] in ("png", "jpeg")
        assert isinstance(page.report.source.get("low_confidence"), dict)


def test_scanned_pdf_pages_are_read_for_the_pdf_reader() -> None:
    _require_cjk_font()
    from gongkai.core.parsing.ocr_reader import read_scanned_pdf_pages

    seed = seed_reports()[4]  # the seed with non-zero 表四 figures
    page = degrade(render_tables_page(seed), seed=7)
    buf = io.BytesIO()
    cover = Image.new("L", (page.width, 300), 255)
    cover.save(buf, format="PDF", resolution=150, save_all=True, append_images=[page])
    lines = read_scanned_pdf_pages(buf.getvalue(), [2])
    assert lines and all(ln.page == 2 for ln in lines)
    assert [ln.number for ln in lines] == list(range(1, len(lines) + 1))
    rows: list[list[Cell] | str] = [ln.cells if ln.cells is not None else ln.text for ln in lines]
    report = interpret(SourceDocument.from_rows(rows, "pdf"))
    for path in table_paths(seed):
        assert report.get(path) == seed.get(path), path


def test_scanned_pdf_page_out_of_range_is_an_input_error() -> None:
    from gongkai.core.parsing.ocr_reader import read_scanned_pdf_pages

    buf = io.BytesIO()
    Image.new("L", (100, 100), 255).save(buf, format="PDF")
    with pytest.raises(InputError, match="第3页"):
        read_scanned_pdf_pages(buf.getvalue(), [3])
    with pytest.raises(InputError):
        read_scanned_pdf_pages(b"%PDF-1.4 broken", [1])
