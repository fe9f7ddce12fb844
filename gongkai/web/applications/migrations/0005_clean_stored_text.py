"""Repair stored text: remove control and other unprintable characters (core.text_hygiene)
from the texts that reach letters, now that every intake refuses them.

Before, a control character in an applicant's name made that case's letters fail as DOCX
and PDF for good. Letters are now drawn without such characters whatever is stored; this
migration cleans the rows themselves so that pages, exports and the API show the same text.
Text fields (``TextField``) keep their line breaks and tabs; single-line fields lose them.
Only rows that change are written. The audit trail (``CaseEvent``) is append-only and is
left as it was recorded. Unique names (agencies, units) are left alone where the cleaned
name is already taken.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from gongkai.core.text_hygiene import clean_text

# (app, model, single-line fields, multi-line fields)
TEXTS = (
    (
        "applications",
        "Application",
        (
            "applicant_name",
            "id_document",
            "credit_code",
            "contact_phone",
            "contact_address",
            "contact_email",
            "receipt_confirmation",
            "transcribed_by",
            "tracking_number",
            "sender_address",
            "referral",
            "archive_reference",
        ),
        ("description", "extension_reason", "decision_reasons", "legal_basis", "decision_details"),
    ),
    ("applications", "Consultation", ("party_name",), ("matter", "reply")),
    ("applications", "Assignment", (), ("instructions", "feedback")),
    ("applications", "ServiceRecord", ("proof",), ()),
    ("applications", "Letter", ("title",), ()),
    ("agencies", "Agency", ("address", "phone"), ()),
)
LETTER_LINES = ("title", "number", "addressee", "signer")
LETTER_PARAGRAPHS = ("paragraphs", "notes")


def _changes(
    row: dict[str, Any], single: tuple[str, ...], multi: tuple[str, ...]
) -> dict[str, Any]:
    changes = {}
    for name, multiline in [(n, False) for n in single] + [(n, True) for n in multi]:
        value = row[name]
        if isinstance(value, str):
            cleaned = clean_text(value, multiline=multiline)
            if cleaned != value:
                changes[name] = cleaned
    return changes


def _clean_letter(content: Any) -> Any:
    if not isinstance(content, dict):
        return content
    cleaned = dict(content)
    for key in LETTER_LINES:
        if isinstance(cleaned.get(key), str):
            cleaned[key] = clean_text(cleaned[key])
    for key in LETTER_PARAGRAPHS:
        if isinstance(cleaned.get(key), list):
            cleaned[key] = [
                clean_text(p, multiline=True) if isinstance(p, str) else p for p in cleaned[key]
            ]
    return cleaned


def _unique_name(model: Any, filters: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    cleaned = clean_text(row["name"])
    if cleaned == row["name"] or not cleaned:
        return {}
    if model.objects.filter(name=cleaned, **filters).exclude(pk=row["pk"]).exists():
        return {}
    return {"name": cleaned}


def clean_stored_text(apps: Any, schema_editor: Any) -> None:
    for app_label, model_name, single, multi in TEXTS:
        model = apps.get_model(app_label, model_name)
        fields = [f.name for f in model._meta.get_fields()]
        single = tuple(n for n in single if n in fields)
        multi = tuple(n for n in multi if n in fields)
        extra = ("content",) if model_name == "Letter" else ()
        for row in model.objects.values("pk", *single, *multi, *extra).iterator(chunk_size=2000):
            changes = _changes(row, single, multi)
            if extra:
                content = _clean_letter(row["content"])
                if content != row["content"]:
                    changes["content"] = content
            if changes:
                model.objects.filter(pk=row["pk"]).update(**changes)
    agency = apps.get_model("agencies", "Agency")
    for row in agency.objects.values("pk", "name").iterator():
        if changes := _unique_name(agency, {}, row):
            agency.objects.filter(pk=row["pk"]).update(**changes)
    unit = apps.get_model("agencies", "Unit")
    for row in unit.objects.values("pk", "name", "agency_id").iterator():
        if changes := _unique_name(unit, {"agency_id": row["agency_id"]}, row):
            unit.objects.filter(pk=row["pk"]).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_agency_code"),
        ("applications", "0004_application_by_arrival"),
    ]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop, elidable=True)]
