"""Django for the web tests only: tests outside tests/web never configure Django.

pytest-django reads DJANGO_SETTINGS_MODULE when it configures itself, which happens after
conftest files are imported, so setting it here keeps Django confined to this directory.
The database is SQLite unless DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1/test).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-test-var-"))
os.environ.setdefault("GONGKAI_SECRET_KEY", "tests-only-secret-key")

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from calendar_reach import reach_past_today  # noqa: E402
from web_builders import Staff, make_staff  # noqa: E402


@pytest.fixture(autouse=True)
def calendar_reaches_past_today(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from reach_past_today(request)


@pytest.fixture
def staff(db: None) -> Staff:
    return make_staff()
