from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: it is a timing assertion, and on a busy 2-core machine an example
# that takes 100 ms alone takes 300 ms. Speed is shown by the scripts in bench/.
settings.register_profile("gongkai", deadline=None)
settings.load_profile("gongkai")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("0*.txt"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
