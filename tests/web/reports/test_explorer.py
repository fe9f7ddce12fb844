"""The explorer's views on the platform: the supervisor's departments' published reports
(the version in force) plus the imported datasets, the same data the explorer's own
functions give for the same reports, exports, and who may see what."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from builders import consistent_report
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from explorer_builders import dataset, publish, report
from openpyxl import load_workbook
from web_builders import PASSWORD, Staff, make_staff

from gongkai.core.applications.roles import Role
from gongkai.core.checks.engine import check_report
from gongkai.explore.corpus import load
from gongkai.explore.page import payload
from gongkai.explore.views import all_views
from gongkai.web.agencies.models import Agency
from gongkai.web.reports import explorer

pytestmark = pytest.mark.django_db
URL = "/reports/explore/"


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    explorer._cache.clear()


class World:
    def __init__(self) -> None:
        self.a = make_staff("甲县公安局", prefix="a-")
        self.b = make_staff("乙县公安局", prefix="b-")
        self.school = Agency.objects.create(
            name="甲县教育局", kind=Agency.Kind.DEPARTMENT, supervisor=self.a.office
        )
        who = self.a[Role.OFFICE_HEAD]
        self.reports = [
            report("甲县公安局", 2022, 40),
            report("甲县公安局", 2023, 55),  # the correction below replaces it
            report("甲县教育局", 2023, 9),
        ]
        publish(self.a.agency, self.reports[0], who)
        publish(self.a.agency, self.reports[1], who)
        self.corrected = report("甲县公安局", 2023, 61)
        publish(self.a.agency, self.corrected, who, number=2)
        publish(self.school, self.reports[2], who)
        publish(self.b.agency, report("乙县公安局", 2023, 300), self.b[Role.OFFICE_HEAD])
        self.root = get_user_model().objects.create_superuser("root", password=PASSWORD)

    def client(self, user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def world() -> World:
    return World()


def page_data(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content[:500]
    found = re.search(
        r'<script id="explore-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "the page carries its data as a JSON block"
    return json.loads(found.group(1), parse_constant=refuse)  # strict JSON, as JSON.parse


def refuse(name: str) -> None:
    raise AssertionError(f"{name} in the page's JSON: the browser cannot parse it")


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """Each view's rows as a sorted list (ties may come in either order), and the rest."""
    return {
        v["id"]: {
            **v,
            "rows": sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in v["rows"]),
        }
        for v in data["views"]
    }


def expected(reports: list[Any], folder: Path, extra: tuple[Path, ...] = ()) -> dict[str, Any]:
    """What the explorer itself makes of the same reports as an ingest dataset."""
    views = all_views(load([dataset(reports, folder), *extra]))
    return canonical(json.loads(json.dumps(payload(views), ensure_ascii=False, default=str)))


def test_the_supervisor_sees_the_explorers_views_of_its_departments(
    world: World, tmp_path: Path
) -> None:
    response = world.client(world.a[Role.SUPERVISOR]).get(URL)
    data = page_data(response)
    # The explorer's own functions over the versions in force give the same data.
    in_force = [world.reports[0], world.corrected, world.reports[2]]
    assert canonical(data) == expected(in_force, tmp_path / "ds")
    agency = next(v for v in data["views"] if v["id"] == "agency")
    rows = {(r["agency"], r["year"]): r for r in agency["rows"]}
    assert set(rows) == {("甲县公安局", 2022), ("甲县公安局", 2023), ("甲县教育局", 2023)}
    assert rows[("甲县公安局", 2023)]["granted"] == 61  # the correction, not the first version
    assert rows[("甲县公安局", 2023)]["received_yoy"] is not None  # 2022 is there
    assert rows[("甲县教育局", 2023)]["received_yoy"] is None  # no year before
    overview = next(v for v in data["views"] if v["id"] == "overview")
    assert [(r["year"], r["reports"]) for r in overview["rows"]] == [(2022, 1), (2023, 2)]
    body = response.content.decode()
    assert "乙县公安局" not in body  # another office's department
    assert "所属2个部门" in body and "共3份" in body


def test_the_page_has_no_inline_script_and_its_files_are_static(world: World) -> None:
    response = world.client(world.a[Role.SUPERVISOR]).get(URL)
    body = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all("src=" in s or 'type="application/json"' in s for s in scripts), scripts
    assert "script-src 'self'" in response["Content-Security-Policy"]
    for name in ("explore/echarts.min.js", "explore/explore.js", "explore/explore.css"):
        assert f"/static/{name}" in body
        assert finders.find(name), name
    assert "<style" not in body and "style=" not in body
    # the views' markup and the tabs, with Chinese labels and server-side exports
    for title in ("总览", "单个机关历年", "同类机关比较", "报告质量", "异常", "多来源报告"):
        assert f">{title}</button>" in body
    assert 'href="/reports/explore/export/agency.xlsx"' in body


def test_filters_narrow_the_views(world: World) -> None:
    data = page_data(world.client(world.a[Role.SUPERVISOR]).get(URL + "?year=2022"))
    overview = next(v for v in data["views"] if v["id"] == "overview")
    assert [(r["year"], r["reports"]) for r in overview["rows"]] == [(2022, 1)]
    data = page_data(world.client(world.a[Role.SUPERVISOR]).get(URL + "?agency=教育"))
    agency = next(v for v in data["views"] if v["id"] == "agency")
    assert {r["agency"] for r in agency["rows"]} == {"甲县教育局"}


def test_exports_carry_the_views_with_chinese_labels(world: World) -> None:
    client = world.client(world.a[Role.SUPERVISOR])
    response = client.get(URL + "export/agency.csv?year=2023")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="agency.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff机关,年度,新收申请")
    lines = text.strip().splitlines()
    assert len(lines) == 3 and all(",2023," in line for line in lines[1:])
    assert "乙县公安局" not in text
    response = client.get(URL + "export/quality.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("名次", "机关", "年度") and len(rows) == 4
    assert client.get(URL + "export/nothing.csv").status_code == 404
    assert client.get(URL + "export/agency.pdf").status_code == 404


def test_the_administrator_sees_every_agency(world: World) -> None:
    data = page_data(world.client(world.root).get(URL))
    agency = next(v for v in data["views"] if v["id"] == "agency")
    assert {r["agency"] for r in agency["rows"]} == {"甲县公安局", "甲县教育局", "乙县公安局"}


def test_only_supervisors_and_administrators_may_look(world: World) -> None:
    assert "/login/" in Client().get(URL)["Location"]
    assert "/login/" in Client().get(URL + "export/agency.csv")["Location"]
    for role in Role:
        if role is Role.SUPERVISOR:
            continue
        client = world.client(world.a[role])
        assert client.get(URL).status_code == 403, role
        assert client.get(URL + "export/agency.csv").status_code == 403, role


def test_a_supervisor_sees_only_its_own_departments(world: World) -> None:
    client = world.client(world.b[Role.SUPERVISOR])
    response = client.get(URL)
    data = page_data(response)
    agency = next(v for v in data["views"] if v["id"] == "agency")
    assert {r["agency"] for r in agency["rows"]} == {"乙县公安局"}
    assert "甲县" not in response.content.decode()
    for view in ("overview", "agency", "peers", "quality", "anomalies", "sources"):
        export = client.get(URL + f"export/{view}.csv")
        assert export.status_code == 200 and "甲县" not in export.content.decode()


def test_a_supervisor_without_published_reports_gets_a_sentence(db: None) -> None:
    staff: Staff = make_staff("丁县公安局", prefix="d-")
    client = Client()
    client.force_login(staff[Role.SUPERVISOR])
    response = client.get(URL)
    assert response.status_code == 200
    assert "还没有可浏览的年度报告" in response.content.decode()
    assert client.get(URL + "export/agency.csv").status_code == 404


def test_an_imported_dataset_is_shown_beside_the_platforms_reports(
    world: World, tmp_path: Path
) -> None:
    others = [report("丙市公安局", 2023, 20), report("丙市公安局", 2022, 18)]
    imported = dataset(others, tmp_path / "imported", label="丙市")
    missing = tmp_path / "not-a-dataset"
    with override_settings(GONGKAI_EXPLORE_DATASETS=[str(imported), str(missing)]):
        response = world.client(world.a[Role.SUPERVISOR]).get(URL)
        as_admin = world.client(world.root).get(URL).content.decode()
    data = page_data(response)
    body = response.content.decode()
    assert "导入的数据集：imported" in body
    # the server's folders are named to the administrator only
    assert f"{missing}：不是 gongkai ingest 输出的数据集" in as_admin
    assert str(missing) not in body
    in_force = [world.reports[0], world.corrected, world.reports[2]]
    assert canonical(data) == expected(in_force, tmp_path / "platform", (imported,))
    agency = next(v for v in data["views"] if v["id"] == "agency")
    assert {r["agency"] for r in agency["rows"]} == {"甲县公安局", "甲县教育局", "丙市公安局"}


def test_the_corpus_is_loaded_once_for_the_same_reports(world: World) -> None:
    client = world.client(world.a[Role.SUPERVISOR])
    client.get(URL)
    assert len(explorer._cache) == 1
    first = next(iter(explorer._cache.values()))
    client.get(URL + "?year=2023")
    assert next(iter(explorer._cache.values())) is first
    publish(world.school, report("甲县教育局", 2022, 3), world.a[Role.OFFICE_HEAD])
    data = page_data(client.get(URL))
    overview = next(v for v in data["views"] if v["id"] == "overview")
    assert [(r["year"], r["reports"]) for r in overview["rows"]] == [(2022, 2), (2023, 2)]


def test_a_year_without_applications_is_valid_json(world: World) -> None:
    """公开率 over no application is no number: null in the data, never NaN."""
    quiet = consistent_report(2019, "甲县教育局", outcomes={}, carried_over={}, carried_forward={})
    publish(world.school, check_report(quiet), world.a[Role.OFFICE_HEAD])
    data = page_data(world.client(world.a[Role.SUPERVISOR]).get(URL))
    overview = next(v for v in data["views"] if v["id"] == "overview")
    assert overview["rows"][0]["year"] == 2019 and overview["rows"][0]["answered"] == 0
    assert overview["chart"]["series"][1]["data"][0] is None
