"""The public pages' shared layout (``public_base.html``), handed to templates as ``layout``
so the portal, the catalogue and the reports column extend one page frame."""

from __future__ import annotations

from typing import Any

from django.template.loader import get_template


def public_layout() -> Any:
    return get_template("public_base.html")
