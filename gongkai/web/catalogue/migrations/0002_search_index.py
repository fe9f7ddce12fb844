"""A GIN index over the search tokens on PostgreSQL ('simple' configuration: the tokens are
already character bigrams, so no stemming or stop words must touch them). SQLite has no
such index; the portable search path filters by token (gongkai.web.catalogue.search)."""

from __future__ import annotations

from django.db import migrations

INDEX = "catalogue_item_search_gin"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_catalogueitem "
            "USING gin (to_tsvector('simple'::regconfig, search_tokens))"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
