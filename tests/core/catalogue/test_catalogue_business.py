"""Checking imported business figures: every error by row and column, in Chinese."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.core.catalogue.business import (
    FigureKind,
    check_rows,
    parse_amount_fen,
    parse_count,
)
from gongkai.core.catalogue.tabular import read_table
from gongkai.core.errors import GongkaiError, InputError

HEADER = ["年度", "类别", "处理决定数量", "收费金额（元）"]


def messages(rows: list[list[str]], year: int = 2025) -> list[str]:
    return [str(e) for e in check_rows(rows, year).errors]


def test_good_rows_add_up_by_kind_and_keep_source() -> None:
    check = check_rows(
        [
            [*HEADER, "来源系统"],
            ["2025", "行政许可", "9,000", "", "户籍"],
            ["2025年", "行政许可", "375", "", "出入境"],
            ["2025", "行政事业性收费", "", "642623.4", ""],
            ["", "", "", "", ""],  # blank lines are skipped
        ],
        2025,
    )
    assert check.ok
    assert check.totals() == {FigureKind.LICENSE: 9375, FigureKind.FEES: 64262340}
    assert [f.source for f in check.figures] == ["户籍", "出入境", ""]


def test_header_problems() -> None:
    assert messages([]) == ["文件：文件是空的，没有表头和数据"]
    found = messages([["年度", "类别", "数量", "颜色"]])
    assert (
        "表头“颜色”列：不是可识别的列（可用的列：年度、类别、处理决定数量、收费金额（元）、来源系统、备注）"
        in found
    )
    assert "表头“收费金额（元）”列：缺少这一列" in found
    assert messages([HEADER]) == ["文件：只有表头，没有数据行"]
    assert "表头“年度”列：重复出现" in messages([[*HEADER, "年份"]])


def test_row_problems_name_row_and_column() -> None:
    found = messages(
        [
            HEADER,
            ["2025", "行政许可", "十二", ""],
            ["2025", "行政处罚", "-1", ""],
            ["2024", "行政强制", "3", ""],
            ["2025", "行政奖励", "3", ""],
            ["2025", "行政许可", "", ""],
            ["2025", "行政事业性收费", "2", "100"],
            ["2025", "行政处罚", "1", "5"],
            ["2025", "行政事业性收费", "", "-5"],
            ["2025", "行政强制", "1", ""],
            ["2025", "行政强制", "2", ""],
        ]
    )
    assert found == [
        "第2行“处理决定数量”列：“十二”不是整数",
        "第3行“处理决定数量”列：数量不能为负数（-1）",
        "第4行“年度”列：年度为2024，与本次导入的2025年度不符",
        "第5行“类别”列：“行政奖励”不是可导入的类别（应为行政许可、行政处罚、行政强制或行政事业性收费）",
        "第6行“处理决定数量”列：行政许可须填写处理决定数量",
        "第7行“处理决定数量”列：行政事业性收费只填收费金额，不填处理决定数量",
        "第8行“收费金额（元）”列：行政处罚只填处理决定数量，不填收费金额",
        "第9行“收费金额（元）”列：金额不能为负数（-5）",
        "第11行“类别”列：与第10行重复（同一年度、类别和来源系统）",
    ]


def test_too_many_rows_is_refused() -> None:
    rows = [HEADER] + [["2025", "行政许可", "1", ""]] * 3
    assert messages(rows)[0].startswith("第3行")  # duplicates
    assert [str(e) for e in check_rows(rows, 2025, max_rows=2).errors] == [
        "文件：数据行超过2行，请分批导入"
    ]


def test_amounts_are_exact_fen() -> None:
    assert parse_amount_fen("1,234.56") == 123456
    assert parse_amount_fen("100元") == 10000
    for bad in ("1.001", "abc", "NaN", "Infinity"):
        with pytest.raises(GongkaiError):
            parse_amount_fen(bad)
    assert parse_count("12.0") == 12


@given(st.integers(0, 10**12))
def test_integer_fen_round_trip(fen: int) -> None:
    assert parse_amount_fen(f"{fen // 100}.{fen % 100:02d}") == fen


def test_read_csv_in_utf8_bom_gbk_and_tabs() -> None:
    text = "年度,类别\n2025,行政许可\n"
    assert read_table(text.encode("utf-8-sig"), "a.csv") == [["年度", "类别"], ["2025", "行政许可"]]
    assert read_table(text.encode("gb18030"), "a.CSV")[1] == ["2025", "行政许可"]
    assert read_table("年度\t类别\n".encode(), "a.txt") == [["年度", "类别"]]


def test_read_xlsx_cells_as_people_read_them() -> None:
    book = Workbook()
    book.active.append([2025, "行政许可", 12.0, 1500.5, None])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "x.xlsx") == [["2025", "行政许可", "12", "1500.5", ""]]


def test_unreadable_files_are_clear_errors() -> None:
    with pytest.raises(InputError, match=r"无法读取 \.xlsx"):
        read_table(b"not a zip", "x.xlsx")
    with pytest.raises(InputError, match=r"另存为 \.xlsx"):
        read_table(b"", "x.xls")
    with pytest.raises(InputError, match="不支持的文件类型"):
        read_table(b"", "x.pdf")


def test_unprintable_characters_are_refused_by_cell() -> None:
    """Control characters, zero-width spaces and bidi overrides in a cell (CSV or XLSX) are
    refused with the row, the column and the character named (core.text_hygiene)."""
    csv_rows = read_table(
        "年度,类别,处理决定数量,收费金额（元）,来源系统\n2025,行政许可,12,,户\x07籍\n".encode(),
        "figures.csv",
    )
    found = messages(csv_rows)
    assert len(found) == 1 and found[0].startswith("第2行“来源系统”列：含有不可见字符或控制字符")
    assert "U+0007" in found[0]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEADER, "备注"])
    sheet.append([2025, "行政\u200b许可", 12, None, "\u202e备注"])
    data = io.BytesIO()
    book.save(data)
    found = messages(read_table(data.getvalue(), "figures.xlsx"))
    assert found == [
        f"第2行“{column}”列：含有不可见字符或控制字符：{char}。请删除这些字符（多来自复制粘贴）后重新提交"
        for column, char in (
            ("类别", "U+200B（ZERO WIDTH SPACE）"),
            ("备注", "U+202E（RIGHT-TO-LEFT OVERRIDE）"),
        )
    ]
