from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from report_builders import complete_sources  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def report_files(tmp_path: Path) -> Iterator[Path]:
    """Each test writes published files to its own folder."""
    folder = tmp_path / "report-files"
    with override_settings(GONGKAI_REPORT_FILES_DIR=str(folder)):
        yield folder
