"""Admin forms keep the platform's one rule for stored text: an unprintable character in any
text field of any admin form (inlines included) is refused in Chinese, nothing is stored."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from gongkai.web.agencies.models import Agency, Unit
from gongkai.web.text_input import PrintableText

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    get_user_model().objects.create_superuser("root", password="root-pass-2026")
    client = Client()
    assert client.login(username="root", password="root-pass-2026")
    return client


def agency_form(name: str, unit: str) -> dict[str, str]:
    return {
        "name": name,
        "code": "",
        "kind": Agency.Kind.DEPARTMENT,
        "address": "",
        "phone": "",
        "units-TOTAL_FORMS": "1",
        "units-INITIAL_FORMS": "0",
        "units-MIN_NUM_FORMS": "0",
        "units-MAX_NUM_FORMS": "1000",
        "units-0-name": unit,
    }


@pytest.mark.parametrize(
    ("name", "unit"),
    [("清河县\u0007交通局", "办公室"), ("清河县交通局", "办公室\u202e")],
)
def test_an_unprintable_character_is_refused_on_the_form_and_in_an_inline(
    name: str, unit: str
) -> None:
    client = admin_client()
    response = client.post("/admin/agencies/agency/add/", agency_form(name, unit))
    assert response.status_code == 200  # the form again, with the error beside the field
    assert "含有不可见字符或控制字符" in response.content.decode()
    assert not Agency.objects.exists() and not Unit.objects.exists()


def test_printable_text_is_stored_as_before() -> None:
    client = admin_client()
    response = client.post("/admin/agencies/agency/add/", agency_form("清河县交通局", "办公室"))
    assert response.status_code == 302
    assert Unit.objects.get().agency.name == "清河县交通局"


def test_every_registered_admin_form_checks_its_text_fields() -> None:
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root2", password="x-2026-pass")
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "procrastinate":
            continue  # the job queue's read-only admin (PostgreSQL only): no form to submit
        form = model_admin.get_form(request)
        for name, field in form.base_fields.items():
            if hasattr(field, "max_length") and type(field).__name__ in ("CharField",):
                assert any(isinstance(v, PrintableText) for v in field.validators), (
                    model.__name__,
                    name,
                )
                checked += 1
    assert checked > 20
