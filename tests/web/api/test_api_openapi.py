"""The OpenAPI description and the docs page: complete, valid JSON, nothing from a CDN."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_endpoint_with_auth_and_error_shapes(schema: dict) -> None:
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1.0.0"
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/applications", "get"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications/{application_id}", "get"),
        ("/api/v1/applications/{application_id}/events", "get"),
        ("/api/v1/applications/{application_id}/actions", "get"),
        ("/api/v1/applications/{application_id}/actions/decide", "post"),
        ("/api/v1/applications/{application_id}/actions/serve/upload", "post"),
        ("/api/v1/applications/{application_id}/letters", "get"),
        ("/api/v1/applications/{application_id}/letters/{letter_id}/{fmt}", "get"),
        ("/api/v1/agencies", "get"),
        ("/api/v1/agencies/{agency_id}/annual-report/{year}", "get"),
        ("/api/v1/agencies/{agency_id}/figures/{year}", "get"),
        ("/api/v1/me", "get"),
    ]:
        assert method in paths[path], (path, method)
    assert schema["components"]["securitySchemes"]["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
    }
    operation_ids = []
    for path, item in paths.items():
        for operation in item.values():
            operation_ids.append(operation["operationId"])
            assert operation["security"] == [{"BearerToken": []}], path
            assert operation["summary"], path
            for status in ("401", "404") if "{" in path else ("401",):
                ref = operation["responses"][status]["content"]["application/json"]["schema"]
                assert ref == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
    assert len(operation_ids) == len(set(operation_ids))


def test_every_reference_resolves_and_schemas_are_described(schema: dict) -> None:
    text = str(schema)
    names = set(schema["components"]["schemas"])
    for ref in re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", text):
        assert ref in names, ref
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"code", "message"}
    register = schema["components"]["schemas"]["RegisterIn"]
    assert {
        "agency_id",
        "channel",
        "arrived_at",
        "applicant_type",
        "applicant_name",
        "description",
    } <= set(register["required"])
    decide = schema["components"]["schemas"]["DecideIn"]
    assert "outcome" in decide["required"]
    assert "GRANTED" in str(schema["components"]["schemas"])  # the outcome enum is listed
    page = schema["components"]["schemas"]["ApplicationPage"]
    assert {"count", "count_exact", "next_cursor", "items"} <= set(page["required"])


def test_list_parameters_and_file_bodies_are_described(schema: dict) -> None:
    listing = schema["paths"]["/api/v1/applications"]["get"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert {"cursor", "offset", "limit", "exact_count", "agency", "status"} <= set(params)
    assert "next_cursor" in params["cursor"]["description"]
    upload = schema["paths"]["/api/v1/applications/{application_id}/actions/serve/upload"]
    content = upload["post"]["requestBody"]["content"]
    assert list(content) == ["multipart/form-data"]
    letter = schema["paths"]["/api/v1/applications/{application_id}/letters/{letter_id}/{fmt}"]
    assert "application/pdf" in letter["get"]["responses"]["200"]["content"]


def test_docs_page_loads_only_local_assets() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources, "the page must load Swagger UI"
    for source in sources:
        assert not source.startswith(("http:", "https:", "//")), source
        name = source.removeprefix("/static/")
        assert finders.find(name), f"{name} must be served from an installed package"
    assert '"validatorUrl": null' in page  # no call to validator.swagger.io
