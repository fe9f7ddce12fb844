from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("0*.txt"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
