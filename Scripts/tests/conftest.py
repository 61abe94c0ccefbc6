"""Scripts/ on sys.path (for `common` and `geodata`), and where the repository and the shared facts are."""
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_facts() -> Path:
    """../shared/facts beside the repository (CI lays a copy of shared/ there); SAHELMAP_FACTS_DIR overrides."""
    import os
    return Path(os.environ.get("SAHELMAP_FACTS_DIR") or ROOT.parent / "shared" / "facts")
