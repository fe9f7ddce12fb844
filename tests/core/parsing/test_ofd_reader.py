"""OFD (GB/T 33190): reports written as OFD read back to the same data; hostile packages
are refused with a reason; the positions of text and rulings follow the standard."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import seed_reports
from gongkai.core.errors import InputError
from gongkai.core.parsing import limits, ofd_reader
from gongkai.core.parsing.ofd_page import POINTS_PER_MM, PageObjects
from gongkai.core.parsing.ofd_reader import read_ofd
from gongkai.core.parsing.read import FORMAT_NAMES, read_report
from gongkai.core.parsing.sniff import sniff
from gongkai.core.rendering.layout import report_title
from gongkai.core.report.model import AnnualReport
from tests.builders import consistent_reports
from tests.core.parsing.ofd_builder import NS, package, report_ofd


def _same(seed: AnnualReport, data: bytes) -> None:
    got = read_report(data, "report.ofd")
    assert got.source["format"] == "ofd"
    assert (got.agency, got.year) == (seed.agency, seed.year)
    assert got.table2 == seed.table2
    assert got.table3 == seed.table3
    assert got.table4 == seed.table4
    # nothing beyond what the report itself is found to lack
    assert not {f.rule for f in got.errors()} - {f.rule for f in seed.errors()}


def test_the_seeds_read_back_from_ofd() -> None:
    seeds = seed_reports()
    assert len(seeds) == 5
    for seed in seeds:
        data = report_ofd(seed)
        assert sniff(data) == "ofd"
        doc = read_ofd(data)
        assert doc.meta["pages"] > 2  # 表三 runs over a page break in every seed
        assert doc.meta["title"] == report_title(seed)
        _same(seed, data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_random_valid_reports_read_back_from_ofd(report: AnnualReport) -> None:
    _same(report, report_ofd(report))


def test_a_2019_format_report_reads_back_from_ofd() -> None:
    from gongkai.core.parsing.read import report_from_text
    from tests.core.parsing.test_format_2019 import TEXT_2019

    report = report_from_text(TEXT_2019)
    _same(report, report_ofd(report))
    assert read_report(report_ofd(report)).format == report.format


def test_ofd_is_named_and_its_tables_are_grids() -> None:
    assert FORMAT_NAMES["ofd"] == "OFD"
    doc = read_ofd(report_ofd(seed_reports()[0]))
    rows = [line for line in doc.lines if line.is_row]
    heading = next(line for line in rows if line.text.startswith("一、本年新收"))
    assert heading.cells is not None and [c.span for c in heading.cells[:3]] == [
        False,
        True,
        True,
    ]
    # the running head (a template) and the page numbers are page furniture
    assert not any(line.text.startswith("- ") for line in doc.lines)
    title = seed_reports()[0].title or ""
    assert sum(line.text == title for line in doc.lines) <= 1


# -- positions -----------------------------------------------------------------------------


def _objects(xml: str) -> PageObjects:
    from lxml import etree

    objects = PageObjects(210 * POINTS_PER_MM, 297 * POINTS_PER_MM)
    objects.add_content(etree.fromstring(f'<ofd:Page xmlns:ofd="{NS}">{xml}</ofd:Page>'))
    return objects


def test_characters_follow_x_y_and_both_forms_of_delta_x() -> None:
    plain = _objects(
        '<ofd:TextObject Boundary="10 20 50 5" Size="4">'
        '<ofd:TextCode X="1" Y="3.5" DeltaX="4 2 2">表12三</ofd:TextCode></ofd:TextObject>'
    )
    packed = _objects(
        '<ofd:TextObject Boundary="10 20 50 5" Size="4">'
        '<ofd:TextCode X="1" Y="3.5" DeltaX="4 g 2 2">表12三</ofd:TextCode></ofd:TextObject>'
    )
    assert plain.chars == packed.chars
    lefts = [round(ch.x0 / POINTS_PER_MM, 6) for ch in plain.chars]
    assert lefts == [11, 15, 17, 19]
    assert [ch.text for ch in plain.chars] == list("表12三")
    baseline = 23.5 * POINTS_PER_MM  # y grows downwards, as in a PDF read by pdfplumber
    assert all(ch.top < baseline < ch.bottom for ch in plain.chars)


def test_a_text_object_under_a_ctm_is_scaled_and_moved() -> None:
    objects = _objects(
        '<ofd:TextObject Boundary="100 100 20 10" CTM="2 0 0 2 3 4" Size="2">'
        '<ofd:TextCode X="0" Y="2" DeltaX="g 1 2">公开</ofd:TextCode></ofd:TextObject>'
    )
    first, second = objects.chars
    assert round(first.x0 / POINTS_PER_MM, 6) == 103  # 2·0 + 3 + 100
    assert round(second.x0 / POINTS_PER_MM, 6) == 107  # 2·2 + 3 + 100
    assert round((first.x1 - first.x0) / POINTS_PER_MM, 6) == 4


def test_rulings_come_from_straight_sides_of_paths() -> None:
    objects = _objects(
        '<ofd:PathObject Boundary="20 30 40 10" CTM="0.5 0 0 0.5 0 0">'
        "<ofd:AbbreviatedData>M 0 0 L 80 0 L 80 20 L 0 20 C</ofd:AbbreviatedData>"
        "</ofd:PathObject>"
        '<ofd:PathObject Boundary="0 0 10 10"><ofd:AbbreviatedData>'
        "M 0 0 B 1 1 2 2 3 3 L 3 9 A 1 1 0 0 1 5 5 Q 1 1 9 9</ofd:AbbreviatedData>"
        "</ofd:PathObject>"
    )
    sides = sorted(
        (e.orientation, *(round(v / POINTS_PER_MM, 6) for v in e[:4])) for e in objects.edges
    )
    assert sides == [
        ("h", 20, 30, 60, 30),
        ("h", 20, 40, 60, 40),
        ("v", 3, 3, 3, 9),  # the one straight side after a curve
        ("v", 20, 30, 20, 40),
        ("v", 60, 30, 60, 40),
    ]
    assert objects.paths == 2


def test_malformed_numbers_are_skipped_not_trusted() -> None:
    objects = _objects(
        '<ofd:TextObject Boundary="nan 0 1 1" Size="3"><ofd:TextCode X="0" Y="0">甲'
        '</ofd:TextCode></ofd:TextObject><ofd:TextObject Boundary="0 0 1 1" Size="3">'
        '<ofd:TextCode X="0" Y="3" DeltaX="g 1000000000000 1">乙丙</ofd:TextCode>'
        '</ofd:TextObject><ofd:PathObject Boundary="0 0 1 1"><ofd:AbbreviatedData>'
        "M 0 0 L inf 0 L x y</ofd:AbbreviatedData></ofd:PathObject>"
    )
    assert [ch.text for ch in objects.chars] == ["乙", "丙"]
    assert objects.edges == []


TABLE = "".join(  # one row of two ruled cells
    f'<ofd:PathObject Boundary="{x} 50 40 10"><ofd:AbbreviatedData>M 0 0 L 40 0 L 40 10 '
    f'L 0 10 C</ofd:AbbreviatedData></ofd:PathObject><ofd:TextObject Boundary="{x + 2} 52 '
    f'30 5" Size="4"><ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject>'
    for x, text in ((25, "行政许可"), (65, "12"))
)


def test_objects_off_the_page_are_left_out() -> None:
    # a hostile matrix makes coordinates of 1e300 points, or not numbers at all: the table
    # geometry indexes cells by 10 pt bands and must never see them
    for matrix in ("1e300 0 0 1e300 0 0", "1e300 0 0 1e300 1e300 1e300", "1 0 0 1 1e300 0"):
        hostile = (
            f'<ofd:TextObject Boundary="-1e300 0 1 1" CTM="{matrix}" Size="1e300">'
            '<ofd:TextCode X="1" Y="1" DeltaX="1e300">甲乙</ofd:TextCode></ofd:TextObject>'
            f'<ofd:PathObject Boundary="0 0 1 1" CTM="{matrix}"><ofd:AbbreviatedData>'
            "M 0 0 L 1e300 0 L 1e300 1e300 C</ofd:AbbreviatedData></ofd:PathObject>"
        )
        lines = read_ofd(package([[TABLE, hostile]])).lines
        assert [line.text for line in lines] == ["行政许可\t12"]


# -- hostile and broken packages -----------------------------------------------------------


def _zip(files: dict[str, bytes | str], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", level) as z:
        for name, content in files.items():
            z.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes | str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _page(text: str = "一、总体情况") -> str:
    return (
        f'<ofd:TextObject Boundary="25 40 100 5" Size="4"><ofd:TextCode X="0" Y="3.6">{text}'
        "</ofd:TextCode></ofd:TextObject>"
    )


SMALL = package([[_page()]], title="某县2024年政府信息公开工作年度报告")
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def test_a_small_ofd_reads() -> None:
    doc = read_ofd(SMALL)
    assert [line.text for line in doc.lines] == ["一、总体情况"]
    assert doc.meta["title"] == "某县2024年政府信息公开工作年度报告"


def _broken(change: dict[str, bytes | str | None]) -> bytes:
    parts = _parts(SMALL)
    for name, content in change.items():
        if content is None:
            parts.pop(name)
        else:
            parts[name] = content
    return _zip(parts)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Doc_0/Document.xml": None}, "缺少部件（Doc_0/Document.xml）"),
        ({"Doc_0/Pages/Page_0/Content.xml": None}, "缺少第1页的内容"),
        ({"OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody/></ofd:OFD>'}, "DocRoot"),
        ({"Doc_0/Document.xml": "<ofd:Document"}, "不是有效的 XML"),
        ({"Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{NS}"/>'}, "没有页面"),
        ({"Doc_0/Document.xml": LAUGHS + "<lolz>&lol9;</lolz>"}, "DTD 或实体"),
        ({"OFD.xml": "<!--" + "x" * 5000 + "-->" + LAUGHS[21:] + "<a>&lol9;</a>"}, "DTD"),
        # in UTF-16 the bytes hide the DTD; the parser refuses to expand it
        (
            {
                "OFD.xml": (LAUGHS + "<a>&lol9;</a>")
                .replace('"1.0"?', '"1.0" encoding="UTF-16"?')
                .encode("utf-16")
            },
            "疑为恶意文件",
        ),
        ({"Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page xmlns:ofd="{NS}"/>'}, "没有文字"),
    ],
)
def test_broken_packages_are_refused_with_a_reason(
    change: dict[str, bytes | str | None], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_report(_broken(change))


def test_an_absurd_page_size_is_refused() -> None:
    huge = _broken(
        {
            "Doc_0/Document.xml": _parts(SMALL)["Doc_0/Document.xml"]
            .decode()
            .replace("0 0 210 297", "0 0 1000000 1000000")
        }
    )
    with pytest.raises(InputError, match="页面尺寸异常"):
        read_ofd(huge)


def test_a_template_named_many_times_is_drawn_once() -> None:
    data = report_ofd(seed_reports()[3])
    parts = _parts(data)
    page = parts["Doc_0/Pages/Page_0/Content.xml"]
    assert isinstance(page, bytes)
    use = b'<ofd:Template TemplateID="2" ZOrder="Background"/>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace(use, use * 20_000)
    assert read_ofd(_zip(parts)).lines == read_ofd(data).lines


def test_a_zip_bomb_is_refused_before_decompression() -> None:
    bomb = _broken({"Doc_0/Pages/Page_0/Res/pad.bin": b"\0" * 30_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(InputError, match="压缩炸弹"):
        read_report(bomb)


def test_a_zip_that_is_not_ofd_is_refused() -> None:
    with pytest.raises(InputError, match=r"OFD\.xml"):
        read_report(_zip({"Doc_0/Document.xml": "<a/>"}))
    with pytest.raises(InputError, match=r"OFD\.xml"):
        read_ofd(_zip({"Doc_0/Document.xml": "<a/>"}))


def test_page_and_part_counts_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    two_pages = package([[_page()], [_page("二、主动公开")]])
    assert len(read_ofd(two_pages).lines) == 2
    monkeypatch.setattr(ofd_reader, "MAX_OFD_PAGES", 1)
    with pytest.raises(InputError, match="超过1页的上限"):
        read_ofd(two_pages)
    monkeypatch.setattr(limits, "MAX_DOCX_ENTRIES", 3)
    with pytest.raises(InputError, match="部件"):
        read_ofd(two_pages)
    monkeypatch.setattr(limits, "MAX_DOCX_ENTRIES", 5000)
    monkeypatch.setattr(ofd_reader, "MAX_OFD_PAGES", 300)
    monkeypatch.setattr(ofd_reader, "OFD_TIME_BUDGET_SECONDS", -1.0)
    with pytest.raises(InputError, match="秒仍未读完"):
        read_ofd(two_pages)


@pytest.mark.parametrize(
    "location",
    [
        "/Doc_0/Pages/Page_0/Content.xml",
        "Doc_0/Pages/Page_0/Content.xml",
        "./Pages/Page_0/Content.xml",
    ],
)
def test_part_locations_may_be_absolute_or_from_the_root(location: str) -> None:
    parts = _parts(SMALL)
    document = parts["Doc_0/Document.xml"]
    assert isinstance(document, bytes)
    parts["Doc_0/Document.xml"] = document.replace(b"Pages/Page_0/Content.xml", location.encode())
    assert [line.text for line in read_ofd(_zip(parts)).lines] == ["一、总体情况"]


_NUMBERISH = st.text(alphabet="0123456789 .-+egnaif,", max_size=24)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_NUMBERISH, min_size=8, max_size=8),
    st.text(max_size=12).filter(lambda t: t.isprintable() and "<" not in t and "&" not in t),
)
def test_any_numbers_in_objects_are_read_or_skipped(values: list[str], text: str) -> None:
    b1, size, x, y, dx, ctm, b2, path = values
    page = (
        f'<ofd:TextObject Boundary="{b1}" Size="{size}" CTM="{ctm}"><ofd:TextCode X="{x}" '
        f'Y="{y}" DeltaX="{dx}">{text}一二</ofd:TextCode></ofd:TextObject>'
        f'<ofd:PathObject Boundary="{b2}" CTM="{ctm}"><ofd:AbbreviatedData>M {path} L {path} '
        f"B {path} C</ofd:AbbreviatedData></ofd:PathObject>"
    )
    lines = read_ofd(package([[TABLE, page], [_page()]])).lines
    assert [line.text for line in lines if line.page == 2] == ["一、总体情况"]
