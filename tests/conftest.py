"""Shared fixtures: where the repo, the bundled corpus and ../shared live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "references" / "news-demo"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there (CI without data)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture
def demo_corpus() -> Path:
    if not (DEMO / "source").is_dir():
        pytest.skip("bundled corpus not present")
    return DEMO
