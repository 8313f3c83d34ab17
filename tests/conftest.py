from __future__ import annotations

import pytest

from graphbuild.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline; a missing model fails loudly rather than skipping."""
    return load_pipeline()
