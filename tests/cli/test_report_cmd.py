"""``gongkai report list`` and ``gongkai report export`` against a database, every format,
and the Chinese errors for an unknown agency, year or format."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for extra in (ROOT / "tests" / "web", ROOT / "tests" / "web" / "reports"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-test-var-"))
os.environ.setdefault("GONGKAI_SECRET_KEY", "tests-only-secret-key")

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from report_builders import YEAR, complete_sources, concluded_case  # noqa: E402, F401
from web_builders import Staff, make_staff  # noqa: E402

from gongkai.cli.main import main  # noqa: E402
from gongkai.core.parsing.read import read_report  # noqa: E402
from gongkai.core.reporting.formats import FORMATS, available_formats  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: None) -> Staff:
    made = make_staff()
    made.agency.code = "111305340000000099"
    made.agency.save()
    return made


def test_list_shows_agencies_by_code_and_years_with_data(
    staff: Staff, capsys: pytest.CaptureFixture[str]
) -> None:
    concluded_case(staff, date(2025, 3, 3), date(2025, 3, 20))
    assert main(["report", "list"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("111305340000000099"))
    assert staff.agency.name in line and "2025" in line


@pytest.mark.usefixtures("complete_sources")
def test_export_writes_every_format(
    staff: Staff, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    concluded_case(staff, date(2025, 3, 3), date(2025, 3, 20))
    for fmt in available_formats():
        target = tmp_path / f"report.{fmt}"
        code = main(
            ["report", "export", staff.agency.code, str(YEAR), "--format", fmt, "-o", str(target)]
        )
        assert code == 0, capsys.readouterr().err
        data = target.read_bytes()
        assert data, fmt
        if fmt in ("json", "html", "docx", "pdf"):
            report = read_report(data, target.name)
            assert report.table3["granted"]["total"] == 1, fmt
            assert report.table3["new_received"]["total"] == 1, fmt
    assert set(available_formats()) <= set(FORMATS)
    assert "草稿" in (tmp_path / "report.html").read_text("utf-8")  # the current state is a draft
    assert main(["report", "export", staff.agency.name, str(YEAR)]) == 0  # JSON to stdout
    assert '"year": 2025' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NOPE", "2025"], "没有找到机关“NOPE”"),
        (["{code}", "1999"], "没有1999年度的数据"),
        (["{code}", "去年"], "年度应为四位数字"),
        (["{code}", "2025", "--format", "odt"], "不支持的格式“odt”"),
    ],
)
def test_clear_chinese_errors(
    staff: Staff, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    concluded_case(staff, date(2025, 3, 3), date(2025, 3, 20))
    argv = ["report", "export", *[a.format(code=staff.agency.code) for a in args]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
