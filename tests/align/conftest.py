"""Fixtures of the alignment tests (helpers live in tests/align/helpers.py)."""

from __future__ import annotations

import pytest

from tests.align.helpers import ntrex_documents


@pytest.fixture(scope="session")
def ntrex_docs():
    return ntrex_documents()
